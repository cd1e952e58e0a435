"""Form helpers shared by every app."""

from django.core.exceptions import ValidationError


def add_service_errors(form, error: ValidationError, field_map: dict | None = None) -> None:
    """Attach a service's ValidationError to the form fields it names (others: form-wide).

    ``field_map`` renames service field names to form field names where they differ.
    """
    field_map = field_map or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            name = field_map.get(name, name)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
