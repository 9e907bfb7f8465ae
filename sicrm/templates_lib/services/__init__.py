"""Template services: rules; they take the acting user, flush and never commit.

- templates: create, update, clone, archive; versions (drafts, publish, discard);
  `create_template_from_definition` and `create_version_from_definition` for the
  projects package (adopting learned durations, saving a project as a template).
- editor: changes to a draft's stages, tasks, milestones and documents.
- transfer: export a version to JSON/YAML and import it elsewhere.
"""
