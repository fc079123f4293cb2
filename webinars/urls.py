"""The member's own webinars (in the language prefix) and personal calendars (outside it)."""

from django.urls import path

from . import views

app_name = "webinars"

urlpatterns = [path("", views.my_webinars, name="mine")]

calendar_urlpatterns = (
    [path("<str:token>/webinars.ics", views.personal_calendar, name="personal")],
    "webinars_calendar",
)
