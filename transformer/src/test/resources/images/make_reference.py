#!/usr/bin/python3
"""Makes the image step's test images and reference arrays with Debian's python3-pil and python3-numpy.

Run with /usr/bin/python3 from this folder's parent or anywhere: it writes next to itself.

Images: gradient.png (97x61 RGB, noisy gradient), checker.png (40x50 grayscale), photo.jpg (gradient as JPEG, q90).
The pipeline reproduced (ImageStep with resize: 32, crop: 28, ImageNet mean/std, NCHW):
  img.convert("RGB") -> resize shorter side to 32 (longer = int(32 * long / short)) with Image.BILINEAR
  (Pillow's antialiased bilinear) -> center crop 28x28 (top = int(round((h - 28) / 2.0)), Python's round)
  -> float32 / 255 -> (x - mean) / std per channel, float32 -> CHW.
Writes <name>.f32 (little-endian float32, [3, 28, 28]) and <name>.resized.u8 (RGB bytes after the resize), plus
gradient.up.u8 (gradient.png resized up to 131x83) and reference.json with the shapes.
"""
import json
import os

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)
RESIZE, CROP = 32, 28


def make_images():
    rng = np.random.default_rng(7)
    h, w = 61, 97
    y, x = np.mgrid[0:h, 0:w]
    rgb = np.stack([x * 255 // (w - 1), y * 255 // (h - 1), (x * y) % 256], -1)
    rgb = np.clip(rgb + rng.integers(-20, 21, rgb.shape), 0, 255).astype(np.uint8)
    Image.fromarray(rgb, "RGB").save(os.path.join(HERE, "gradient.png"))
    Image.fromarray(rgb, "RGB").save(os.path.join(HERE, "photo.jpg"), quality=90)
    y, x = np.mgrid[0:50, 0:40]
    gray = (((x // 5 + y // 5) % 2) * 180 + 30 + (x * 2) % 17).astype(np.uint8)
    Image.fromarray(gray, "L").save(os.path.join(HERE, "checker.png"))


def reference(name):
    img = Image.open(os.path.join(HERE, name)).convert("RGB")
    w, h = img.size
    if w <= h:
        nw, nh = RESIZE, int(RESIZE * h / w)
    else:
        nh, nw = RESIZE, int(RESIZE * w / h)
    img = img.resize((nw, nh), Image.BILINEAR)
    resized = np.asarray(img, dtype=np.uint8)
    top = int(round((nh - CROP) / 2.0))
    left = int(round((nw - CROP) / 2.0))
    img = img.crop((left, top, left + CROP, top + CROP))
    a = np.asarray(img).astype(np.float32) / np.float32(255)
    a = ((a - MEAN) / STD).astype(np.float32).transpose(2, 0, 1)
    base = os.path.splitext(name)[0]
    a.astype("<f4").tofile(os.path.join(HERE, base + ".f32"))
    resized.tofile(os.path.join(HERE, base + ".resized.u8"))
    return {"resized": [nh, nw], "tensor": list(a.shape)}


def main():
    make_images()
    out = {name: reference(name) for name in ("gradient.png", "checker.png", "photo.jpg")}
    up = Image.open(os.path.join(HERE, "gradient.png")).convert("RGB").resize((131, 83), Image.BILINEAR)
    np.asarray(up, dtype=np.uint8).tofile(os.path.join(HERE, "gradient.up.u8"))
    out["gradient.up"] = {"resized": [83, 131]}
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
