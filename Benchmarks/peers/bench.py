#!/usr/bin/env python3
"""Stream decoding speed and correctness of two Python peers on our benchmark's corpus.

Each peer gets the same recorded bytes as `ai-protocol-bench`'s stream benchmark, cut into the
same 4096-byte reads, and its events are accumulated into the corpus's expected output. Lines
follow the Swift benchmark's JSON, so one table can hold every runtime. See README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

READ_SIZE = 4096
FORMATS = ("openai", "anthropic", "gemini")
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Output:
    """What a stream comes to: the shape of `<format>.expected.json`."""

    text: str = ""
    tool_calls: list[dict] = field(default_factory=list)
    finish_reason: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0


# ---------------------------------------------------------------------------------------------
# ai-lib-python: the pipeline AiClient builds (ProtocolLoader -> Pipeline.from_manifest), fed
# the reads where AiClient._execute_stream would feed `response.aiter_bytes()`.


class AiLibPython:
    def __init__(self, protocol_dir: Path) -> None:
        from ai_lib_python.protocol import ProtocolLoader

        if not protocol_dir.is_dir():
            # The loader would quietly look in ./ai-protocol and ../ai-protocol instead.
            raise FileNotFoundError(f"no AI-Protocol manifests at {protocol_dir} (--protocol-dir, AI_PROTOCOL_DIR)")
        # No GitHub fallback: there is no network here, and a silent download would measure
        # other manifests than the ones named in the report.
        self._loader = ProtocolLoader(base_path=protocol_dir, fallback_to_github=False)
        self._manifests: dict = {}

    def describe(self, fmt: str) -> str:
        manifest = self._manifest(fmt)
        pipeline = self._pipeline(fmt)
        parts = [type(pipeline._decoder).__name__]
        parts += [type(t).__name__ for t in pipeline._transforms]
        parts.append(type(pipeline._event_mapper).__name__)
        path = self._loader._get_provider_path(fmt)
        return f"{' -> '.join(parts)} from {path or manifest.id}"

    def _manifest(self, fmt: str):
        if fmt not in self._manifests:
            # load_model("<provider>/<model>") is what AiClient.create does with a model id.
            self._manifests[fmt] = asyncio.run(self._loader.load_model(f"{fmt}/bench"))
        return self._manifests[fmt]

    def _pipeline(self, fmt: str):
        from ai_lib_python.pipeline import Pipeline

        return Pipeline.from_manifest(self._manifest(fmt))

    def run(self, fmt: str, reads: list[bytes]) -> tuple[float, Output]:
        # A fresh pipeline per stream, as a fresh client has: its mappers keep tool-call state
        # between streams, so a reused one would not start the second pass clean.
        pipeline = self._pipeline(fmt)
        return asyncio.run(self._pass(pipeline, reads))

    @staticmethod
    async def _pass(pipeline, reads: list[bytes]) -> tuple[float, Output]:
        async def body():
            for read in reads:
                yield read

        # Timed inside the loop, so that starting and closing the event loop does not count.
        start = time.process_time()
        out = Output()
        text: list[str] = []
        calls: dict = {}
        async for event in pipeline.process(body()):
            kind, data = event.event_type, event.data
            if kind == "PartialContentDelta":
                text.append(data.content)
            elif kind == "ToolCallStarted":
                key = data.index if data.index is not None else data.tool_call_id
                call = calls.setdefault(key, {"id": "", "name": "", "arguments": ""})
                call["id"] = data.tool_call_id or call["id"]
                call["name"] = data.tool_name or call["name"]
            elif kind == "PartialToolCall":
                key = data.index if data.index is not None else data.tool_call_id
                call = calls.setdefault(key, {"id": data.tool_call_id, "name": "", "arguments": ""})
                call["arguments"] += data.arguments
            elif kind in ("Metadata", "StreamEnd", "FinalCandidate"):
                if getattr(data, "finish_reason", None):
                    out.finish_reason = data.finish_reason
                usage = getattr(data, "usage", None)
                if usage:
                    _take_usage(out, usage)
        out.text = "".join(text)
        out.tool_calls = list(calls.values())
        return (time.process_time() - start) * 1000, out


def _take_usage(out: Output, usage: dict) -> None:
    # Each provider's own field names: the peer passes its usage object through as it came.
    for name in ("prompt_tokens", "input_tokens", "promptTokenCount"):
        if isinstance(usage.get(name), int):
            out.prompt_tokens = usage[name]
    for name in ("completion_tokens", "output_tokens", "candidatesTokenCount"):
        if isinstance(usage.get(name), int):
            out.completion_tokens = usage[name]


# ---------------------------------------------------------------------------------------------
# openai: openai.Stream[ChatCompletionChunk] over a real client's SSE decoder, reading an HTTP
# response whose body yields the reads, as `chat.completions.create(stream=True)` returns it.


class OpenAIPython:
    def __init__(self) -> None:
        import openai
        from openai import _streaming
        from openai.types.chat import ChatCompletionChunk

        self._openai = openai
        self._chunk = ChatCompletionChunk
        # Newer SDKs are built on httpx2, older ones on httpx: take the one Stream reads.
        self._http = getattr(_streaming, "httpx2", None) or getattr(_streaming, "httpx")
        # Never sends a request: Stream only asks it for its SSE decoder and response parsing.
        self._client = openai.OpenAI(api_key="bench", base_url="http://127.0.0.1:9/v1", max_retries=0)
        self._request = self._http.Request("POST", "http://127.0.0.1:9/v1/chat/completions")

    def describe(self, fmt: str) -> str:
        decoder = type(self._client._make_sse_decoder()).__name__
        return f"openai {self._openai.__version__}: Stream[ChatCompletionChunk] over {decoder}"

    def run(self, fmt: str, reads: list[bytes]) -> tuple[float, Output]:
        start = time.process_time()
        response = self._http.Response(
            200,
            headers={"content-type": "text/event-stream"},
            content=iter(reads),
            request=self._request,
        )
        stream = self._openai.Stream(cast_to=self._chunk, response=response, client=self._client)
        out = Output()
        text: list[str] = []
        calls: dict = {}
        for chunk in stream:
            if chunk.usage is not None:
                out.prompt_tokens = chunk.usage.prompt_tokens
                out.completion_tokens = chunk.usage.completion_tokens
            for choice in chunk.choices:
                delta = choice.delta
                if delta.content:
                    text.append(delta.content)
                for tool_call in delta.tool_calls or ():
                    call = calls.setdefault(tool_call.index, {"id": "", "name": "", "arguments": ""})
                    if tool_call.id:
                        call["id"] = tool_call.id
                    if tool_call.function is not None:
                        if tool_call.function.name:
                            call["name"] = tool_call.function.name
                        if tool_call.function.arguments:
                            call["arguments"] += tool_call.function.arguments
                if choice.finish_reason:
                    out.finish_reason = choice.finish_reason
        out.text = "".join(text)
        out.tool_calls = [calls[index] for index in sorted(calls)]
        return (time.process_time() - start) * 1000, out


# ---------------------------------------------------------------------------------------------


def mismatches(fmt: str, got: Output, expected: dict) -> list[str]:
    """Where the peer's output differs from the corpus's, in words; empty when it agrees."""
    problems = []
    want = expected["text"]
    if got.text != want:
        at = next((i for i, (a, b) in enumerate(zip(got.text, want)) if a != b), min(len(got.text), len(want)))
        what = f"text ({len(got.text)} vs {len(want)} characters, first difference at {at}: " \
            f"{got.text[at:at + 12]!r} for {want[at:at + 12]!r}"
        replaced = got.text.count("\ufffd") - want.count("\ufffd")
        if replaced > 0:
            what += f"; {replaced} more U+FFFD than expected: characters cut between reads"
        problems.append(what + ")")
    if not same_tool_calls(fmt, got.tool_calls, expected["toolCalls"]):
        problems.append(f"tool calls {got.tool_calls!r}")
    if got.finish_reason != expected["finishReason"]:
        problems.append(f"finish reason {got.finish_reason!r} for {expected['finishReason']!r}")
    if (got.prompt_tokens, got.completion_tokens) != (expected["promptTokens"], expected["completionTokens"]):
        problems.append(
            f"usage {got.prompt_tokens}/{got.completion_tokens} for "
            f"{expected['promptTokens']}/{expected['completionTokens']}"
        )
    return problems


def same_tool_calls(fmt: str, got: list[dict], want: list[dict]) -> bool:
    if fmt != "gemini":
        return [(c["id"], c["name"], c["arguments"]) for c in got] == [
            (c["id"], c["name"], c["arguments"]) for c in want
        ]
    # Gemini sends no call ids and its arguments as an object, so the expected ids (call_0...)
    # and compact text are one reader's choice: compare names and argument values only.
    def values(arguments):
        if isinstance(arguments, str):
            try:
                return json.loads(arguments)
            except ValueError:
                return arguments
        return arguments

    return [(c["name"], values(c["arguments"])) for c in got] == [(c["name"], values(c["arguments"])) for c in want]


def measure(peer, runtime: str, fmt: str, reads: list[bytes], expected: dict, runs: int, size: int) -> dict:
    name = f"peer/{runtime}/{fmt}"
    line = {"name": name, "unit": "ms", "median": None, "min": None, "max": None, "runs": 0,
            "baseline": None, "ratio": None, "correct": False, "megabytes_per_second": None}
    try:
        if isinstance(peer, Exception):
            raise peer
        print(f"{name}: {peer.describe(fmt)}", file=sys.stderr)
        peer.run(fmt, reads)  # warm-up, as the Swift benchmark does
        times = []
        for _ in range(runs):
            elapsed, output = peer.run(fmt, reads)
            times.append(elapsed)
    except Exception as error:  # a peer that cannot run at all is a result, not a crash
        print(f"{name}: failed: {error!r}", file=sys.stderr)
        traceback.print_exception(error, limit=-3, file=sys.stderr)
        return line
    problems = mismatches(fmt, output, expected)
    for problem in problems:
        print(f"{name}: wrong {problem}", file=sys.stderr)
    median = statistics.median(times)
    line.update(median=round(median, 4), min=round(min(times), 4), max=round(max(times), 4), runs=runs,
                correct=not problems,
                megabytes_per_second=round(size / 1_048_576 / (median / 1000), 2) if median > 0 else None)
    return line


def print_table(lines: list[dict]) -> None:
    header = ["name", "unit", "median", "min", "max", "runs", "MB/s", "correct"]
    rows = [header]
    for line in lines:
        figure = lambda v: "-" if v is None else f"{v:.0f}" if v >= 100 else f"{v:.2f}"  # noqa: E731
        rows.append([line["name"], line["unit"], figure(line["median"]), figure(line["min"]),
                     figure(line["max"]), str(line["runs"]), figure(line["megabytes_per_second"]),
                     "yes" if line["correct"] else "NO"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        cells = [cell.ljust(widths[i]) if i in (0, 1) else cell.rjust(widths[i]) for i, cell in enumerate(row)]
        print("  ".join(cells))
        if index == 0:
            print("-" * len("  ".join(cells)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, type=Path, help="folder written by ai-protocol-bench --write-corpus")
    parser.add_argument("--quick", action="store_true", help="5 runs instead of 15")
    parser.add_argument("--runs", type=int, help="passes per peer and format (overrides --quick)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--protocol-dir", type=Path,
                        default=Path(os.environ.get("AI_PROTOCOL_DIR") or ROOT.parent / "shared/upstream/ai-protocol"),
                        help="AI-Protocol manifests for ai-lib-python (default ../shared/upstream/ai-protocol)")
    args = parser.parse_args()
    runs = args.runs or (5 if args.quick else 15)

    peers = []
    for runtime, formats, make in (
        ("ai-lib-python", FORMATS, lambda: AiLibPython(args.protocol_dir)),
        ("openai-python", ("openai",), OpenAIPython),
    ):
        try:
            peer = make()
        except Exception as error:  # e.g. not installed: still one line per format, median null
            peer = error
        peers.append((runtime, formats, peer))

    lines = []
    for fmt in FORMATS:
        data = (args.corpus / f"{fmt}.sse").read_bytes()
        expected = json.loads((args.corpus / f"{fmt}.expected.json").read_text(encoding="utf-8"))
        reads = [data[i:i + READ_SIZE] for i in range(0, len(data), READ_SIZE)]
        for runtime, formats, peer in peers:
            if fmt not in formats:
                continue
            line = measure(peer, runtime, fmt, reads, expected, runs, len(data))
            lines.append(line)
            if args.json:
                print(json.dumps(line), flush=True)
    if not args.json:
        print_table(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
