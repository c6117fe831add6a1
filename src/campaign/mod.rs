//! Campaign engine: recipients, template, pre-flight check, journal, report. No printing.
