"""The forums' addresses outside the page tree (and outside the language prefix, so an
email's link keeps working): one-click unsubscribe from forum emails."""

from django.urls import path

from . import views

app_name = "forums_email"

urlpatterns = [path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe")]
