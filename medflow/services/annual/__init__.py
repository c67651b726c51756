"""The annual work-environment discussion: its pack per committee and year, and the members' training."""
