"""Replacing a file so that a crash, a full disk or a racing editor never costs a byte."""

from __future__ import annotations

import errno
import os
import stat
import tempfile


class FileRefused(Exception):
    """The file was not written, and why; it is exactly as it was."""


def write_atomically(path: str | os.PathLike, data: bytes) -> None:
    """Write `data` to a temp file beside `path`, fsync it, then rename it over `path`.

    For files this program makes (exports). The original keeps its permissions.
    On any failure the temp file is removed and the original is untouched.
    """
    target = os.path.realpath(os.fspath(path))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    _replace(target, data, lambda temp: os.chmod(temp, mode))


def replace_user_file(path: str | os.PathLike, data: bytes, expected: bytes) -> None:
    """Replace a file the user keeps (their chronology) by `data`, atomically.

    Refuses with FileRefused, writing nothing, when the file no longer holds
    `expected` (an editor saved meanwhile: checked again just before the rename),
    is read-only, has other hard links (a rename would split them), or its owner
    or extended attributes cannot be kept. Mode, owner and attributes carry over.
    """
    target = os.path.realpath(os.fspath(path))
    name = os.fspath(path)
    try:
        before = os.stat(target)
    except OSError as error:
        raise FileRefused(f"cannot read {name}: {error.strerror or error}") from None
    if not stat.S_ISREG(before.st_mode):
        raise FileRefused(f"{name} is not a regular file")
    if not before.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise FileRefused(f"{name} is read-only: make it writable first (chmod u+w) if you mean to change it")
    if before.st_nlink > 1:
        raise FileRefused(
            f"{name} has {before.st_nlink - 1} other hard link(s): replacing it would split them; "
            "edit it in your editor, or copy it to a file of its own"
        )

    def keep_metadata(temp: str) -> None:
        os.chmod(temp, stat.S_IMODE(before.st_mode))
        mine = os.stat(temp)
        if (mine.st_uid, mine.st_gid) != (before.st_uid, before.st_gid):
            try:
                os.chown(temp, before.st_uid, before.st_gid)
            except OSError:
                raise FileRefused(f"{name} belongs to another user: writing it would make it yours") from None
        _copy_extended_attributes(target, temp, name)
        _check_unchanged(target, before, expected, name)

    _replace(target, data, keep_metadata)


def _check_unchanged(target: str, before: os.stat_result, expected: bytes, name: str) -> None:
    changed = FileRefused(f"{name} changed on disk while it was being written (saved in an editor?); "
                          "nothing was written: try again")
    try:
        now = os.stat(target)
        with open(target, "rb") as handle:
            current = handle.read(len(expected) + 1)
    except OSError:
        raise changed from None
    same_file = (now.st_dev, now.st_ino) == (before.st_dev, before.st_ino)
    if not same_file or now.st_size != len(expected) or current != expected:
        raise changed


def _copy_extended_attributes(source: str, destination: str, name: str) -> None:
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError as error:
        if error.errno in (errno.ENOTSUP, getattr(errno, "EOPNOTSUPP", errno.ENOTSUP)):
            return
        raise FileRefused(f"cannot read the extended attributes of {name}: {error.strerror}") from None
    for attribute in names:
        try:
            os.setxattr(destination, attribute, os.getxattr(source, attribute))
        except OSError as error:
            raise FileRefused(f"cannot keep the extended attribute '{attribute}' of {name}: {error.strerror}") from None


def _replace(target: str, data: bytes, prepare) -> None:
    folder = os.path.dirname(target) or "."
    handle, temp = tempfile.mkstemp(prefix=".~" + os.path.basename(target) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        prepare(temp)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    try:
        directory = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(directory)
    except OSError:
        pass
    finally:
        os.close(directory)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
