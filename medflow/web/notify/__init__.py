"""Pages about telling people: notifications, mail choices, publishing downwards."""
