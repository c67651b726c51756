"""Case pages: my cases, a new case, one case with its actions, and a committee's inbox."""
