"""E-mail: the outbox and its sender, people's mail choices, the daily digest, failed mail."""
