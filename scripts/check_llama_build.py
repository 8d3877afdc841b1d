"""Check that the installed llama-cpp-python was built for any x86-64 CPU, not this one.

`make install-llm` compiles it with GGML_NATIVE=OFF: a native build on a machine whose
CPU reports AVX-512 or AMX died with a general protection fault in libggml-cpu on its
first completion. llama.cpp's system-info line names the instruction sets compiled in;
this exits 1, saying what to do, when it names one only a native build enables.

    python scripts/check_llama_build.py
"""

from __future__ import annotations

import sys

# Instruction sets GGML_NATIVE=OFF never compiles in (it keeps SSE4.2, AVX, AVX2, FMA,
# F16C, BMI2): names starting so, e.g. AVX512_VNNI, AMX_INT8.
NATIVE_ONLY = ("AVX512", "AMX", "AVX_VNNI")


def cpu_features(system_info: str) -> dict[str, str]:
    """``{"AVX2": "1", ...}`` from a line like ``CPU : SSE3 = 1 | AVX2 = 1 | ...``."""
    found = {}
    for part in system_info.replace(":", "|").split("|"):
        name, equals, value = part.partition("=")
        if equals:
            found[name.strip()] = value.strip()
    return found


def native_features(system_info: str) -> list[str]:
    """The native-only instruction sets a system-info line says are compiled in."""
    return [
        name
        for name, value in cpu_features(system_info).items()
        if name.startswith(NATIVE_ONLY) and value not in ("0", "")
    ]


def main() -> int:
    import llama_cpp

    info = llama_cpp.llama_print_system_info().decode(errors="replace")
    native = native_features(info)
    if native:
        print(
            f"llama-cpp-python {llama_cpp.__version__} was built for this CPU "
            f"({', '.join(native)}): remove .venv/.llama-portable and run `make install-llm` "
            "to build it with GGML_NATIVE=OFF, without pip's cache",
            file=sys.stderr,
        )
        return 1
    print(f"llama-cpp-python {llama_cpp.__version__}, portable build: {info.strip()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
