//! One module per command group; each command is a plain async function
//! taking its arguments and the [`Context`](crate::context::Context).

pub mod campaign;
pub mod completions;
pub mod creds;
pub mod exec;
pub mod optouts;
pub mod sandbox;
pub mod send;
