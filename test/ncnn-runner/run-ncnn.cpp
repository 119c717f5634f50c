// Runs an ncnn model (.param + .bin) in the real ncnn CPU runtime, fp32 throughout.
//
//   run-ncnn MODEL.param MODEL.bin OUTDIR [--threads N] --in NAME FILE D0,D1,... ... --out NAME ...
//
// Each input is raw 4-byte words (float32, or int32 for token ids) in C order with ncnn's dims outermost first
// (c,d,h,w; the batch axis already dropped). Every --out blob is extracted and written to OUTDIR/<index>.f32
// (raw float32, C order); stdout gets one line per output: "<index> <name> <dims outermost first>".
// Exit 1 with a message on stderr when a file cannot be read or a blob cannot be extracted.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "net.h"

namespace {

struct Input {
    std::string name;
    std::string file;
    std::vector<int> dims;
};

std::vector<int> parseDims(const char* text) {
    std::vector<int> dims;
    const char* p = text;
    while (*p) {
        char* end = nullptr;
        long v = std::strtol(p, &end, 10);
        if (end == p || v <= 0) {
            std::fprintf(stderr, "run-ncnn: bad dims '%s'\n", text);
            std::exit(2);
        }
        dims.push_back(static_cast<int>(v));
        p = *end == ',' ? end + 1 : end;
    }
    return dims;
}

ncnn::Mat makeMat(const std::vector<int>& d) {
    switch (d.size()) {
    case 1: return ncnn::Mat(d[0]);
    case 2: return ncnn::Mat(d[1], d[0]);
    case 3: return ncnn::Mat(d[2], d[1], d[0]);
    case 4: return ncnn::Mat(d[3], d[2], d[1], d[0]);
    default:
        std::fprintf(stderr, "run-ncnn: ncnn blobs have 1 to 4 dims, got %zu\n", d.size());
        std::exit(2);
    }
}

/** Copy raw words into a Mat, channel by channel (a channel's rows are contiguous; channels sit cstep apart). */
bool fillMat(ncnn::Mat& m, const std::string& file) {
    FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) return false;
    const size_t perChannel = static_cast<size_t>(m.w) * m.h * m.d;
    bool ok = true;
    for (int q = 0; q < m.c && ok; q++) ok = std::fread(m.channel(q).data, 4, perChannel, f) == perChannel;
    std::fclose(f);
    return ok;
}

std::vector<int> dimsOf(const ncnn::Mat& m) {
    switch (m.dims) {
    case 1: return {m.w};
    case 2: return {m.h, m.w};
    case 3: return {m.c, m.h, m.w};
    default: return {m.c, m.d, m.h, m.w};
    }
}

bool writeMat(const ncnn::Mat& m, const std::string& file) {
    FILE* f = std::fopen(file.c_str(), "wb");
    if (!f) return false;
    const size_t perChannel = static_cast<size_t>(m.w) * m.h * m.d;
    bool ok = true;
    for (int q = 0; q < m.c && ok; q++) ok = std::fwrite(m.channel(q).data, 4, perChannel, f) == perChannel;
    return std::fclose(f) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: run-ncnn MODEL.param MODEL.bin OUTDIR [--threads N] --in NAME FILE DIMS ... --out NAME ...\n");
        return 2;
    }
    const std::string outDir = argv[3];
    int threads = 1;
    std::vector<Input> inputs;
    std::vector<std::string> outputs;
    for (int i = 4; i < argc; i++) {
        const std::string a = argv[i];
        if (a == "--threads" && i + 1 < argc) {
            threads = std::atoi(argv[++i]);
        } else if (a == "--in" && i + 3 < argc) {
            Input in;
            in.name = argv[i + 1];
            in.file = argv[i + 2];
            in.dims = parseDims(argv[i + 3]);
            inputs.push_back(in);
            i += 3;
        } else if (a == "--out" && i + 1 < argc) {
            outputs.push_back(argv[++i]);
        } else {
            std::fprintf(stderr, "run-ncnn: unexpected argument '%s'\n", a.c_str());
            return 2;
        }
    }

    ncnn::Net net;
    net.opt.use_vulkan_compute = false;
    net.opt.use_fp16_packed = false;
    net.opt.use_fp16_storage = false;
    net.opt.use_fp16_arithmetic = false;
    net.opt.use_bf16_storage = false;
    net.opt.use_int8_inference = false;
    net.opt.num_threads = threads;
    if (net.load_param(argv[1]) != 0) {
        std::fprintf(stderr, "run-ncnn: %s: cannot load the param file\n", argv[1]);
        return 1;
    }
    if (net.load_model(argv[2]) != 0) {
        std::fprintf(stderr, "run-ncnn: %s: cannot load the weights\n", argv[2]);
        return 1;
    }

    ncnn::Extractor ex = net.create_extractor();
    for (const Input& in : inputs) {
        ncnn::Mat m = makeMat(in.dims);
        if (!fillMat(m, in.file)) {
            std::fprintf(stderr, "run-ncnn: %s: cannot read %s\n", in.name.c_str(), in.file.c_str());
            return 1;
        }
        if (ex.input(in.name.c_str(), m) != 0) {
            std::fprintf(stderr, "run-ncnn: no input blob named %s\n", in.name.c_str());
            return 1;
        }
    }
    for (size_t k = 0; k < outputs.size(); k++) {
        ncnn::Mat out;
        if (ex.extract(outputs[k].c_str(), out) != 0 || out.empty()) {
            std::fprintf(stderr, "run-ncnn: cannot extract blob %s\n", outputs[k].c_str());
            return 1;
        }
        const std::string file = outDir + "/" + std::to_string(k) + ".f32";
        if (!writeMat(out, file)) {
            std::fprintf(stderr, "run-ncnn: cannot write %s\n", file.c_str());
            return 1;
        }
        std::printf("%zu %s", k, outputs[k].c_str());
        for (int d : dimsOf(out)) std::printf(" %d", d);
        std::printf("\n");
    }
    return 0;
}
