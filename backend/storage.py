"""Static files with content-hashed names, so a deploy never mixes old and new modules.

`collectstatic` writes each file under a name holding a hash of its content (app.3f2a….css),
rewrites the references between them (CSS url(), and the scripts' `import … from "./x.js"`),
and records the names in a manifest that `{% static %}` reads. WhiteNoise serves the hashed
names with a year-long, immutable cache and the compressed copies it made.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True  # rewrite ES module imports and exports too
