"""Home app: the home page, content pages, site-wide settings and the demo-content command."""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and content pages"
