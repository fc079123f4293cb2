"""The ground floor every app stands on: base page, members-only mixin, the one access policy."""
