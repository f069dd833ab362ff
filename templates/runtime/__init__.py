"""Runtime core of every generated client (transport, errors, serde); stdlib and httpx only."""

from __future__ import annotations

from . import (
    _env,
    _errors,
    _http,
    _jsonable,
    _logging,
    _pagination,
    _raw,
    _serde,
    _streaming,
    _types,
)
from ._env import *  # noqa: F403
from ._errors import *  # noqa: F403
from ._http import *  # noqa: F403
from ._jsonable import *  # noqa: F403
from ._logging import *  # noqa: F403
from ._pagination import *  # noqa: F403
from ._raw import *  # noqa: F403
from ._serde import *  # noqa: F403
from ._streaming import *  # noqa: F403
from ._types import *  # noqa: F403

__all__ = [
    *_types.__all__, *_errors.__all__, *_serde.__all__, *_http.__all__, *_jsonable.__all__,
    *_streaming.__all__, *_logging.__all__, *_raw.__all__,
    *_pagination.__all__, *_env.__all__,
]  # fmt: skip
