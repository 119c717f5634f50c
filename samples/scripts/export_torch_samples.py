#!/usr/bin/python3
"""Export the small PyTorch samples in samples/onnx/ (Debian python3-torch 1.13 + python3-torchvision 0.14).

Architectures are torchvision's own (or small classic designs written here), with reduced widths/depths
so the files stay small, random weights from a fixed seed, static input shapes unless a name says
`dynamic`. Every file is recorded in samples/manifest.json by samples/scripts/write_manifest.py.

    /usr/bin/python3 samples/scripts/export_torch_samples.py samples/onnx
"""
import os
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from torchvision.models import convnext, efficientnet, regnet, resnet, vision_transformer
from torchvision.models.segmentation import lraspp

warnings.filterwarnings("ignore")
OUT = sys.argv[1] if len(sys.argv) > 1 else "samples/onnx"
os.makedirs(OUT, exist_ok=True)


class SmallResNet18(nn.Module):
    """The ResNet-18 layout (torchvision BasicBlocks, [2, 2, 2, 2]) at a quarter of the width."""

    def __init__(self, widths=(16, 32, 64, 128), num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, widths[0], 7, 2, 3, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU(inplace=True),
                                  nn.MaxPool2d(3, 2, 1))
        layers, cin = [], widths[0]
        for i, w in enumerate(widths):
            stride = 1 if i == 0 else 2
            down = None if stride == 1 and cin == w else nn.Sequential(nn.Conv2d(cin, w, 1, stride, bias=False), nn.BatchNorm2d(w))
            layers += [resnet.BasicBlock(cin, w, stride, down), resnet.BasicBlock(w, w)]
            cin = w
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(cin, num_classes)

    def forward(self, x):
        x = self.layers(self.stem(x))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def small_resnet():
    return SmallResNet18()


def small_efficientnet():
    settings, last = efficientnet._efficientnet_conf("efficientnet_b0", width_mult=0.25, depth_mult=0.25)
    return efficientnet.EfficientNet(settings, dropout=0.2, last_channel=last, num_classes=10)


def small_convnext():
    cfg = [convnext.CNBlockConfig(16, 32, 1), convnext.CNBlockConfig(32, 64, 1), convnext.CNBlockConfig(64, None, 1)]
    return convnext.ConvNeXt(cfg, stochastic_depth_prob=0.0, num_classes=10)


def small_vit():
    m = vision_transformer.VisionTransformer(image_size=32, patch_size=8, num_layers=2, num_heads=2,
                                             hidden_dim=32, mlp_dim=64, num_classes=10)
    # torchvision zero-initialises the classification head; random weights make the output depend on the input
    nn.init.normal_(m.heads.head.weight, std=0.2)
    return m


def small_regnet():
    params = regnet.BlockParams.from_init_params(depth=4, w_0=16, w_a=8.0, w_m=2.0, group_width=8, se_ratio=0.25)
    return regnet.RegNet(params, num_classes=10)


def small_densenet():
    return torchvision.models.DenseNet(growth_rate=8, block_config=(2, 2, 2, 2), num_init_features=16, bn_size=2, num_classes=10)


def small_lraspp():
    backbone = torchvision.models.mobilenet_v3_large(width_mult=0.5, dilated=True).features
    stage_indices = [0] + [i for i, b in enumerate(backbone) if getattr(b, "_is_cn", False)] + [len(backbone) - 1]
    low, high = stage_indices[-4], stage_indices[-1]
    low_ch, high_ch = backbone[low].out_channels, backbone[high].out_channels
    from torchvision.models._utils import IntermediateLayerGetter
    body = IntermediateLayerGetter(backbone, return_layers={str(low): "low", str(high): "high"})
    return lraspp.LRASPP(body, low_ch, high_ch, num_classes=3, inter_channels=32)


class ConvBnSiLU(nn.Sequential):
    def __init__(self, cin, cout, k=1, s=1):
        super().__init__(nn.Conv2d(cin, cout, k, s, k // 2, bias=False), nn.BatchNorm2d(cout), nn.SiLU())


class TinyYolo(nn.Module):
    """A YOLOv5-style detector: Focus slicing, SiLU convs, C3-like blocks, nearest upsample + concat, a grid-decoding head."""

    def __init__(self, nc=3, na=2):
        super().__init__()
        self.no, self.na = nc + 5, na
        self.focus = ConvBnSiLU(12, 16, 3)
        self.d1 = ConvBnSiLU(16, 32, 3, 2)
        self.d2 = ConvBnSiLU(32, 64, 3, 2)
        self.lat = ConvBnSiLU(64, 32, 1)
        self.fuse = ConvBnSiLU(64, 32, 3)
        self.head_s = nn.Conv2d(32, na * self.no, 1)
        self.head_l = nn.Conv2d(64, na * self.no, 1)

    def decode(self, p, stride):
        b, _, h, w = p.shape
        p = p.view(b, self.na, self.no, h, w).permute(0, 1, 3, 4, 2).contiguous().sigmoid()
        yv, xv = torch.meshgrid(torch.arange(h), torch.arange(w), indexing="ij")
        grid = torch.stack((xv, yv), 2).view(1, 1, h, w, 2).float()
        xy = (p[..., 0:2] * 2 - 0.5 + grid) * stride
        wh = (p[..., 2:4] * 2) ** 2 * stride * 4
        return torch.cat((xy, wh, p[..., 4:]), -1).view(b, -1, self.no)

    def forward(self, x):
        x = torch.cat([x[..., ::2, ::2], x[..., 1::2, ::2], x[..., ::2, 1::2], x[..., 1::2, 1::2]], 1)
        x = self.focus(x)
        c3 = self.d1(x)
        c4 = self.d2(c3)
        up = F.interpolate(self.lat(c4), scale_factor=2.0, mode="nearest")
        p3 = self.fuse(torch.cat([up, c3], 1))
        return torch.cat([self.decode(self.head_s(p3), 8), self.decode(self.head_l(c4), 16)], 1)


class TinySSD(nn.Module):
    """An SSD-style detector: MobileNet-like backbone, per-level box/class heads, box decoding, NonMaxSuppression."""

    def __init__(self, nc=4):
        super().__init__()
        self.nc = nc
        self.b1 = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.ReLU6(), nn.Conv2d(16, 16, 3, 1, 1, groups=16), nn.Conv2d(16, 32, 1), nn.ReLU6())
        self.b2 = nn.Sequential(nn.Conv2d(32, 32, 3, 2, 1, groups=32), nn.Conv2d(32, 64, 1), nn.ReLU6())
        self.loc = nn.ModuleList([nn.Conv2d(32, 4 * 2, 3, 1, 1), nn.Conv2d(64, 4 * 2, 3, 1, 1)])
        self.cls = nn.ModuleList([nn.Conv2d(32, nc * 2, 3, 1, 1), nn.Conv2d(64, nc * 2, 3, 1, 1)])
        anchors = []
        for size in (32, 16):  # feature map sizes of the two levels for a 64x64 input
            for i in range(size):
                for j in range(size):
                    for s in (0.1, 0.2):
                        anchors.append([(j + 0.5) / size, (i + 0.5) / size, s * 32 / size, s * 32 / size])
        self.register_buffer("anchors", torch.tensor(anchors))

    def forward(self, x):
        f1 = self.b1(x)
        f2 = self.b2(f1)
        locs, confs = [], []
        for f, l, c in zip((f1, f2), self.loc, self.cls):
            locs.append(l(f).permute(0, 2, 3, 1).reshape(x.shape[0], -1, 4))
            confs.append(c(f).permute(0, 2, 3, 1).reshape(x.shape[0], -1, self.nc))
        loc, conf = torch.cat(locs, 1), torch.cat(confs, 1).softmax(-1)
        a = self.anchors
        cxcy = a[:, :2] + loc[0, :, :2] * 0.1 * a[:, 2:]
        wh = a[:, 2:] * torch.exp(loc[0, :, 2:] * 0.2)
        boxes = torch.cat([cxcy - wh / 2, cxcy + wh / 2], 1)
        scores = conf[0, :, 1:].max(1).values
        keep = torchvision.ops.nms(boxes, scores, 0.45)
        return boxes, scores, keep


class TinyUNet(nn.Module):
    """A UNet-style encoder/decoder with ConvTranspose upsampling, skip concats and a PixelShuffle output."""

    def __init__(self):
        super().__init__()
        self.e1 = nn.Sequential(nn.Conv2d(3, 16, 3, 1, 1), nn.BatchNorm2d(16), nn.ReLU())
        self.e2 = nn.Sequential(nn.MaxPool2d(2), nn.Conv2d(16, 32, 3, 1, 1), nn.BatchNorm2d(32), nn.ReLU())
        self.up = nn.ConvTranspose2d(32, 16, 2, 2)
        self.d1 = nn.Sequential(nn.Conv2d(32, 16, 3, 1, 1), nn.ReLU())
        self.out = nn.Sequential(nn.Conv2d(16, 4 * 4, 3, 1, 1), nn.PixelShuffle(2))

    def forward(self, x):
        a = self.e1(x)
        b = self.e2(a)
        return self.out(self.d1(torch.cat([self.up(b), a], 1)))


class TinyLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(16, 32, num_layers=2, batch_first=True)
        self.fc = nn.Linear(32, 5)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.fc(y[:, -1])


class TinyGRU(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(16, 24, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(48, 5)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.fc(y)


class TinyTextGRU(nn.Module):
    """Token ids → embedding table → GRU → per-token classes (a tagger)."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(200, 16)
        self.rnn = nn.GRU(16, 24, batch_first=True)
        self.fc = nn.Linear(24, 4)

    def forward(self, ids):
        y, _ = self.rnn(self.embed(ids))
        return self.fc(y)


IMG = (1, 3, 64, 64)
MODELS = [
    # name, constructor, input shape, opsets, dynamic batch
    ("resnet18", small_resnet, IMG, [13], False),
    ("resnet18_dynamic", small_resnet, IMG, [13], True),
    ("mobilenet_v2", lambda: torchvision.models.mobilenet_v2(width_mult=0.25, num_classes=10), IMG, [13], False),
    ("mobilenet_v3_small", lambda: torchvision.models.mobilenet_v3_small(width_mult=0.5, num_classes=10), IMG, [11, 13, 17], False),
    ("mobilenet_v3_large", lambda: torchvision.models.mobilenet_v3_large(width_mult=0.35, num_classes=10), IMG, [13], False),
    ("shufflenet_v2", lambda: torchvision.models.shufflenet_v2_x0_5(num_classes=10), IMG, [11, 13, 17], False),
    ("squeezenet", lambda: torchvision.models.squeezenet1_1(num_classes=10), IMG, [13], False),
    ("efficientnet", small_efficientnet, IMG, [11, 13, 17], False),
    ("convnext", small_convnext, IMG, [11, 13, 17], False),
    ("vit", small_vit, (1, 3, 32, 32), [11, 13, 17], False),
    ("regnet", small_regnet, IMG, [13], False),
    ("mnasnet", lambda: torchvision.models.mnasnet0_5(num_classes=10), IMG, [13], False),
    ("densenet", small_densenet, IMG, [13], False),
    ("lraspp", small_lraspp, IMG, [13], False),
    ("yolo", TinyYolo, IMG, [11, 13, 17], False),
    ("ssd", TinySSD, IMG, [11, 13, 17], False),
    ("unet", TinyUNet, (1, 3, 32, 32), [13], False),
    ("lstm", TinyLSTM, (1, 8, 16), [13], False),
    ("gru", TinyGRU, (1, 8, 16), [13], False),
    ("text_gru", TinyTextGRU, (1, 12), [13], False),
]
TOKEN_INPUTS = {"text_gru": 200}  # int64 token ids below this vocabulary size


def main():
    only = set(filter(None, os.environ.get("SAMPLES", "").split(",")))  # e.g. SAMPLES=vit to regenerate one family
    for name, make, shape, opsets, dynamic in MODELS:
        if only and name not in only:
            continue
        for opset in opsets:
            torch.manual_seed(0)
            model = make().eval()
            # random but non-trivial BatchNorm statistics, so BN folding is really exercised
            for m in model.modules():
                if isinstance(m, nn.BatchNorm2d):
                    m.running_mean.uniform_(-0.5, 0.5)
                    m.running_var.uniform_(0.5, 1.5)
            x = torch.randint(0, TOKEN_INPUTS[name], shape) if name in TOKEN_INPUTS else torch.rand(*shape)
            file = os.path.join(OUT, f"{name}-op{opset}.onnx" if len(opsets) > 1 else f"{name}.onnx")
            kw = {}
            if dynamic:
                kw["dynamic_axes"] = {"input": {0: "N"}, "output": {0: "N"}}
            outputs = ["boxes", "scores", "keep"] if name == "ssd" else ["output"]
            torch.onnx.export(model, x, file, opset_version=opset, input_names=["input"], output_names=outputs,
                              do_constant_folding=False, **kw)
            print(f"{file}: {os.path.getsize(file)} bytes")


if __name__ == "__main__":
    main()
