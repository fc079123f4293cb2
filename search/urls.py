"""The search page's address (inside the language prefix, see site/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [path("", views.search, name="search")]
