"""Coaching pages, under /coaching/ (in the language prefix): asking for coaching, and the
feedback form reached through the link emailed when the coaching is completed."""

from django.urls import path

from . import views

app_name = "coaching"

urlpatterns = [
    path("", views.request_form, name="request"),
    path("thank-you/", views.thanks, name="thanks"),
    path("feedback/<str:token>/", views.feedback, name="feedback"),
]
