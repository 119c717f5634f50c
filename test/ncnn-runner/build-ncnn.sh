#!/usr/bin/env bash
# Build the CPU ncnn library from a release source tarball into PREFIX (library only: no Vulkan, tools, examples,
# benchmark, tests or Python). Usage: build-ncnn.sh TARBALL WORKDIR PREFIX
# x86 is built for its SSE2 baseline only (NCNN_RUNTIME_CPU=OFF, NCNN_AVX=OFF): the fp32 reference needs no
# AVX/AVX-512 kernels, and skipping their per-ISA copies of every layer makes the build several times faster.
set -euo pipefail
tarball="$1"; work="$2"; prefix="$3"
rm -rf "$work"; mkdir -p "$work/src" "$work/build"
tar xzf "$tarball" -C "$work/src" --strip-components=1
cmake -S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DNCNN_VULKAN=OFF -DNCNN_BUILD_TOOLS=OFF \
  -DNCNN_BUILD_EXAMPLES=OFF -DNCNN_BUILD_BENCHMARK=OFF -DNCNN_BUILD_TESTS=OFF -DNCNN_PYTHON=OFF \
  -DNCNN_SHARED_LIB=OFF -DNCNN_RUNTIME_CPU=OFF -DNCNN_AVX=OFF -DCMAKE_INSTALL_PREFIX="$prefix"
make -C "$work/build" -j"${NCNN_BUILD_JOBS:-2}"
make -C "$work/build" install
rm -rf "$work"
