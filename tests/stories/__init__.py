"""Tests for the stories app."""
