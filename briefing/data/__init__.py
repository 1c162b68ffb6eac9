"""Domain knowledge of the stages, as YAML files beside this module."""
from functools import cache
from importlib import resources

import yaml


@cache
def load(name: str) -> dict:
    """The parsed contents of one data file, read once per process. Callers must not mutate it."""
    return yaml.safe_load(resources.files(__name__).joinpath(name).read_text("utf-8"))
