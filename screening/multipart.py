"""The app's request class: multipart bodies whose part headers are not UTF-8 are read, not dropped.

Werkzeug decodes a part's headers as UTF-8 and, when that fails (an upload named ``café.csv`` in Latin-1, as
older clients and some scripts send it), drops the whole body silently: the upload route then said it found no
file. Here such a header line is read as Latin-1 instead (every byte is a character there), and the name shown
is cleaned as any other (services.batches.display_filename); it is never used as a path.
"""

from __future__ import annotations

from typing import IO, Any

from flask import Request
from werkzeug.datastructures import FileStorage, Headers, MultiDict
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser, MultiPartParser
from werkzeug.sansio.multipart import (
    HEADER_CONTINUATION_RE,
    Data,
    Epilogue,
    Field,
    File,
    MultipartDecoder,
    NeedData,
)


class _Decoder(MultipartDecoder):
    def _parse_headers(self, data: bytes | bytearray) -> Headers:
        headers: list[tuple[str, str]] = []
        data = HEADER_CONTINUATION_RE.sub(b" ", data)
        for line in data.splitlines():
            line = line.strip(b" \t")
            if line != b"":
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError:
                    text = line.decode("latin-1")
                name, _sep, value = text.partition(":")
                headers.append((name.strip(" \t"), value.strip(" \t")))
        return Headers(headers)


class _MultiPartParser(MultiPartParser):
    """Werkzeug's MultiPartParser.parse (3.1) with the decoder above; the limits are Werkzeug's own."""

    def parse(
        self, stream: IO[bytes], boundary: bytes, content_length: int | None
    ) -> tuple[MultiDict[str, str], MultiDict[str, FileStorage]]:
        current: Field | File | None = None
        field_size: int | None = None
        container: Any = None
        parser = _Decoder(
            boundary, max_form_memory_size=self.max_form_memory_size, max_parts=self.max_form_parts
        )
        fields: list[tuple[str, str]] = []
        files: list[tuple[str, FileStorage]] = []
        while True:
            data = stream.read(self.buffer_size)
            parser.receive_data(data or None)
            event = parser.next_event()
            while not isinstance(event, Epilogue | NeedData):
                if isinstance(event, Field):
                    current, field_size, container = event, 0, []
                elif isinstance(event, File):
                    current, field_size = event, None
                    container = self.start_file_streaming(event, content_length)
                elif isinstance(event, Data) and current is not None:
                    if self.max_form_memory_size is not None and field_size is not None:
                        field_size += len(event.data)
                        if field_size > self.max_form_memory_size:
                            raise RequestEntityTooLarge()
                    if isinstance(current, Field):
                        container.append(event.data)
                    else:
                        container.write(event.data)
                    if not event.more_data:
                        if isinstance(current, Field):
                            charset = self.get_part_charset(current.headers)
                            fields.append((current.name, b"".join(container).decode(charset, "replace")))
                        else:
                            container.seek(0)
                            files.append(
                                (
                                    current.name,
                                    FileStorage(
                                        container, current.filename, current.name, headers=current.headers
                                    ),
                                )
                            )
                event = parser.next_event()
            if not data:
                break
        return self.cls(fields), self.cls(files)


class _FormDataParser(FormDataParser):
    def _parse_multipart(
        self, stream: IO[bytes], mimetype: str, content_length: int | None, options: dict[str, str]
    ) -> tuple[IO[bytes], MultiDict[str, Any], MultiDict[str, Any]]:
        parser = _MultiPartParser(
            stream_factory=self.stream_factory,
            max_form_memory_size=self.max_form_memory_size,
            max_form_parts=self.max_form_parts,
            cls=self.cls,
        )
        boundary = options.get("boundary", "").encode("ascii")
        if not boundary:
            raise ValueError("Missing boundary")
        form, files = parser.parse(stream, boundary, content_length)
        return stream, form, files


class ScreeningRequest(Request):
    form_data_parser_class = _FormDataParser
