"""The one search page across every app, filtered by core's access policy."""
