"""Key figures for the annual work-environment discussion: importing HR's files and reading them per committee.

importer.py judges a whole file against the organisation and replaces the periods it covers;
report.py adds the units below a committee together and hides what rests on too few people.
"""
