"""Form rendering helpers for the NHS.UK design system; used by members/includes/field.html."""

from django import forms, template

register = template.Library()

WIDGET_CLASSES = {
    "select": "nhsuk-select",
    "textarea": "nhsuk-textarea",
    "checkbox": "nhsuk-checkboxes__input",
    "input": "nhsuk-input",
}


@register.filter
def widget_kind(bound_field):
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


@register.simple_tag
def nhsuk_widget(bound_field, extra_class=""):
    """The field's own widget with the design system's classes and described-by ids."""
    kind = widget_kind(bound_field)
    classes = [WIDGET_CLASSES[kind]]
    if bound_field.errors and kind != "checkbox":
        classes.append(f"{WIDGET_CLASSES[kind]}--error")
    if extra_class:
        classes.append(extra_class)
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}-error")
    attrs = {"class": " ".join(classes)}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)
