"""The annual cycle (årshjul): recurring items, publishing them down, landing them on agendas, overdue ones."""
