"""The annual work-environment discussion's pack (page, print, PDF) and the members' training pages."""
