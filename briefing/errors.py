"""Exceptions raised by briefing; the CLI turns them into one-line errors."""


class BriefingError(Exception):
    """Something the user can fix went wrong; the message says what and how."""


class ConfigError(BriefingError):
    """An option or a metadata value is not valid."""


class InputError(BriefingError):
    """No usable article was found in the inputs."""


class RenderError(BriefingError):
    """A chart or the PDF could not be written."""


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM): unwind through every clean-up, then exit.

    A BaseException, like KeyboardInterrupt, so that no handler of faults mistakes it for one."""


class NothingToBuild(InputError):
    """The inputs hold articles, but none for the period asked."""


class MailError(BriefingError):
    """The briefing could not be sent."""
