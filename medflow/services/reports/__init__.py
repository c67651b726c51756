"""The case reports (/reports and /api/v1/reports): figures by quarter from the case history.

`selection` says which cases a person may count (the visibility rule at the levels that count,
`COUNTS`) and which committees, level and topic the report is narrowed to; `history` and
`activity` count in SQL, grouped, so a report costs the same few statements however many cases
there are; `report` assembles the tables that the page, the charts, the CSV files and the API all
read.
"""
