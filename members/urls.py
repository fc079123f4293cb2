"""Member account pages, under /members/ (and /cy/members/)."""

from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/profile/", views.edit_profile, name="edit_profile"),
    path("account/your-data/", views.download_data, name="download_data"),
    path("account/delete/", views.delete_account, name="delete_account"),
    path("account/deleted/", views.account_deleted, name="account_deleted"),
    path("account/two-factor/continue/", views.after_two_factor, name="after_two_factor"),
]
