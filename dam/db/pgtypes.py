"""Values between numpy/Arrow and PostgreSQL: id and vector arrays in binary, result rows as Arrow tables.

Vectors are REAL[] columns. psycopg would turn each one into a list of Python floats; read and written here as
numpy in PostgreSQL's binary array format instead, a brand's vectors load in one pass per row.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
from psycopg.adapt import Dumper, Loader
from psycopg.pq import Format

INT8_ARRAY, FLOAT4_ARRAY, TEXT_ARRAY = 1016, 1021, 1009
_ELEMENT = {INT8_ARRAY: (20, ">i8"), FLOAT4_ARRAY: (700, ">f4")}

# Result column type (PostgreSQL oid) -> Arrow type; others are inferred from the values.
ARROW_TYPES = {20: pa.int64(), 23: pa.int32(), 21: pa.int16(), 700: pa.float32(), 701: pa.float64(), 25: pa.string(),
               1043: pa.string(), 16: pa.bool_(), 1114: pa.timestamp("us"), 1082: pa.date32(),
               TEXT_ARRAY: pa.list_(pa.string()), INT8_ARRAY: pa.list_(pa.int64())}  # fmt: skip


@dataclass(frozen=True)
class Int8s:
    """A numpy integer column sent as one BIGINT[] parameter."""

    values: np.ndarray


@dataclass(frozen=True)
class Float4s:
    """A numpy float column (vectors, flattened) sent as one REAL[] parameter."""

    values: np.ndarray


def _array_bytes(array_oid: int, values: np.ndarray) -> bytes:
    """PostgreSQL's binary array format: a header, then (length, big-endian value) per element."""
    element_oid, dtype = _ELEMENT[array_oid]
    if len(values) == 0:
        return struct.pack("!iiI", 0, 0, element_oid)
    body = np.empty(len(values), dtype=[("size", ">i4"), ("value", dtype)])
    body["size"] = np.dtype(dtype).itemsize
    body["value"] = values
    return struct.pack("!iiIii", 1, 0, element_oid, len(values), 1) + body.tobytes()


class Int8sDumper(Dumper):
    format = Format.BINARY
    oid = INT8_ARRAY

    def dump(self, obj: Int8s | list[int]) -> bytes:
        # COPY picks the dumper by column type, so a BIGINT[] column's plain lists come here too.
        return _array_bytes(INT8_ARRAY, np.asarray(getattr(obj, "values", obj), np.int64))


class Float4sDumper(Dumper):
    format = Format.BINARY
    oid = FLOAT4_ARRAY

    def dump(self, obj: Float4s | list[float]) -> bytes:
        return _array_bytes(FLOAT4_ARRAY, np.asarray(getattr(obj, "values", obj), np.float32))


class VectorLoader(Loader):
    """A REAL[] value as a float32 numpy vector."""

    format = Format.BINARY

    def load(self, data: Any) -> np.ndarray:
        ndim, has_nulls, _ = struct.unpack_from("!iiI", data)
        if ndim == 0:
            return np.zeros(0, np.float32)
        if ndim != 1 or has_nulls:
            raise ValueError("a vector is one dimension of numbers without NULLs")
        (count,) = struct.unpack_from("!i", data, 12)
        body = np.frombuffer(data, dtype=[("size", ">i4"), ("value", ">f4")], count=count, offset=20)
        return body["value"].astype(np.float32)


def configure(conn) -> None:
    """Register the numpy adapters on a new connection."""
    conn.adapters.register_dumper(Int8s, Int8sDumper)
    conn.adapters.register_dumper(Float4s, Float4sDumper)
    conn.adapters.register_loader(FLOAT4_ARRAY, VectorLoader)


def to_arrow(description, rows: list[tuple]) -> pa.Table:
    """Result rows as an Arrow table, typed by the result's column types (vectors as fixed-size lists)."""
    columns = list(zip(*rows)) if rows else [() for _ in description]
    arrays = []
    for column, values in zip(description, columns):
        if column.type_code == FLOAT4_ARRAY:
            arrays.append(_vectors(values))
        else:
            arrays.append(pa.array(list(values), type=ARROW_TYPES.get(column.type_code)))
    return pa.table(arrays, names=[c.name for c in description])


def _vectors(values: tuple) -> pa.Array:
    widths = {len(v) for v in values}
    if len(widths) > 1:
        return pa.array([np.asarray(v) for v in values], type=pa.list_(pa.float32()))
    width = widths.pop() if widths else 1  # no rows: any width will do
    flat = np.concatenate(values) if values else np.zeros(0, np.float32)
    return pa.FixedSizeListArray.from_arrays(pa.array(flat, pa.float32()), width)


def rows_from(table: pa.Table, alias: str) -> tuple[str, list]:
    """A FROM item giving an Arrow table's rows (what DuckDB's `register` does), and its parameters."""
    casts, names, params, vectors = [], [], [], []
    for field, column in zip(table.schema, table.columns):
        name = f'"{field.name}"'
        if pa.types.is_fixed_size_list(field.type):
            width = field.type.list_size
            flat = column.combine_chunks().flatten().to_numpy(zero_copy_only=False)
            vectors.append((name, width, Float4s(flat)))
            continue
        names.append(name)
        sql_type, value = _column_param(field.type, column)
        casts.append(f"%s::{sql_type}[]")
        params.append(value)
    if not vectors:
        return f"unnest({', '.join(casts)}) AS {alias}({', '.join(names)})", params
    if not names:
        raise ValueError("a registered table with vectors needs at least one other column")
    picks = [f"_u.{n}" for n in names] + [
        f"_p._v{i}[(_u._i - 1) * {w} + 1 : _u._i * {w}] AS {n}" for i, (n, w, _) in enumerate(vectors)
    ]  # fmt: skip
    sources = ", ".join(f"%s::REAL[] AS _v{i}" for i in range(len(vectors)))
    sql = (f"(SELECT {', '.join(picks)} FROM unnest({', '.join(casts)}) WITH ORDINALITY AS _u({', '.join(names)}, _i),"
           f" (SELECT {sources}) AS _p) AS {alias}")  # fmt: skip
    return sql, params + [v for _, _, v in vectors]


def _column_param(kind: pa.DataType, column: pa.ChunkedArray) -> tuple[str, Any]:
    if pa.types.is_integer(kind):
        if column.null_count == 0:
            return "BIGINT", Int8s(column.to_numpy())
        return "BIGINT", column.to_pylist()
    if pa.types.is_floating(kind):
        return "DOUBLE PRECISION", column.to_pylist()
    if pa.types.is_boolean(kind):
        return "BOOLEAN", column.to_pylist()
    if pa.types.is_timestamp(kind):
        return "TIMESTAMP", column.to_pylist()
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind):
        return "TEXT", column.to_pylist()
    raise TypeError(f"no PostgreSQL column type for Arrow type {kind}")
