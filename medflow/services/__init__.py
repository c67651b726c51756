"""Use cases: each takes a Session and plain values, and owns its transaction."""
