"""The built-in layouts, themes, facilitator templates and words, and output profiles.

Not code: this folder is shipped inside the package as `generator.builtins` (see
pyproject.toml), so an installed `cards` finds it with importlib.resources. Edit the
YAML and template files here; a project's own `layouts/` folder overrides any of them.
"""
