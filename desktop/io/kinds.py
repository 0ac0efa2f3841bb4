"""What an import can bring in, by name. Kept apart from the importers so that the command
line can list the kinds in its help without loading them."""

from __future__ import annotations

OBSERVATIONS = "observations"
ACTIONS = "actions"
ORGANISATIONS = "organisations"
# the national register of collectivities' ecological-transition projects
PROJECTS = "projects"
KINDS = (OBSERVATIONS, ACTIONS, ORGANISATIONS, PROJECTS)
AUTO = "auto"  # the kind is recognised from the file's columns
