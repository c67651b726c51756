"""Who is asking: log-in with a password or single sign-on, API tokens, and the brakes on guessing."""
