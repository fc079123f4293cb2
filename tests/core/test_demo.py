"""The demo runner: each app's demo builder, in INSTALLED_APPS order."""

from core.management.commands.demo_content import demo_builders


def test_the_demo_runs_each_apps_builder_in_installed_apps_order_and_core_has_none():
    labels = [label for label, _build in demo_builders()]

    # The resources demo needs the home page and the approved members made before it.
    assert [label for label in labels if label in {"home", "members", "resources"}] == [
        "home",
        "members",
        "resources",
    ]
    assert "core" not in labels
