"""Domain knowledge of the stages, as YAML files beside this module."""
from functools import cache
from importlib import resources

import yaml

# libyaml's parser where PyYAML was built with it (ten times faster; the same safe constructor)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load(name: str) -> dict:
    """The parsed contents of one data file, read once per process. Callers must not mutate it."""
    return yaml.load(resources.files(__name__).joinpath(name).read_text("utf-8"), Loader=LOADER)  # noqa: S506 - a safe loader
