"""Coaching for organisations: the public forms, the admin and the impact figures."""
