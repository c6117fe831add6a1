"""Count the rows of a CSV file with Python's csv module (the baseline of
bench-campaign's dry-run figure): python3 csv_count.py FILE"""
import csv
import sys

with open(sys.argv[1], newline="") as f:
    print(sum(1 for _ in csv.reader(f)))
