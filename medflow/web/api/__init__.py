"""The JSON API under /api/v1 (bearer tokens) and its OpenAPI description; the URLs are a contract."""
