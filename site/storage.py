"""Static file storage for production: hashed names, without following source-map comments.

The NHS.UK frontend CSS and JS name source maps the package does not ship, and Django's
manifest storage refuses to finish `collectstatic` when a referenced file is missing.
Browsers only fetch source maps with developer tools open, so the comments are left as
they are rather than rewritten.
"""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage


def _without_source_maps(patterns):
    return tuple(
        (
            glob,
            tuple(
                pattern
                for pattern in rules
                if "sourceMappingURL"
                not in (pattern[0] if isinstance(pattern, tuple) else pattern)
            ),
        )
        for glob, rules in patterns
    )


class ManifestStaticStorage(ManifestStaticFilesStorage):
    patterns = _without_source_maps(ManifestStaticFilesStorage.patterns)
