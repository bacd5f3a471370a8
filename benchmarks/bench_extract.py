"""Benchmark the extraction assistant: 60.000 characters of report-like text in ≤ 1 s on one core.

The text is generated from sentence templates written for this benchmark (not taken from any
source) with random figures, dates and document numbers, so every number form is exercised.
Run: `python benchmarks/bench_extract.py [--chars 60000] [--repeat 3]`.
"""

from __future__ import annotations

import argparse
import random
import time

TEMPLATES = [
    "Tính đến ngày {d}/{m}/{y}, tỉnh đã cung cấp {a}/{b} thủ tục hành chính dưới dạng dịch vụ công "
    "trực tuyến, đạt {p}%.",
    "Trong quý {q} năm {y}, Trung tâm tiếp nhận trên {n} hồ sơ, trong đó có {k} hồ sơ nộp trực tuyến, "
    "chiếm {p}% tổng số hồ sơ.",
    "Theo Quyết định số {k}/QĐ-UBND ngày {d}/{m}/{y}, các sở phải rà soát {k} thủ tục thuộc {s} lĩnh vực.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt {p} %, trễ hạn chiếm {p2}%; tỉnh xếp thứ {r}/63 cả nước.",
    "6 tháng đầu năm {y}, toàn tỉnh thu khoảng {s} tỷ đồng phí, lệ phí qua nền tảng thanh toán trực tuyến.",
    "Từ ngày {d}-{m}-{y} đến {d}-{m2}-{y}, cổng dịch vụ công ghi nhận gần {s} nghìn lượt truy cập.",
    "Nghị định {s}/{y}/NĐ-CP quy định người dân có thể nộp hồ sơ 24/24 giờ trên cổng dịch vụ công.",
    "Năm {y}, số hóa kết quả đầu ra đạt {p}%, số hóa hồ sơ đầu vào đạt dưới {p2}%.",
    "Huyện có {k} thủ tục mức độ 3, 4 và {n} hồ sơ được giải quyết trên phần mềm một cửa.",
    "Mục tiêu năm {y2} là nâng tỷ lệ hồ sơ trực tuyến lên {p}%, theo Chỉ thị {s} của tỉnh.",
]


def _num(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def make_text(chars: int, seed: int = 1) -> str:
    """Report-like Vietnamese text of at least `chars` characters, one paragraph per 3 sentences."""
    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < chars:
        sentences = []
        for _ in range(3):
            b = rng.randint(200, 3000)
            values = {
                "d": rng.randint(1, 28), "m": rng.randint(1, 6), "m2": rng.randint(7, 12),
                "y": rng.randint(2018, 2024), "y2": rng.randint(2025, 2030), "q": rng.randint(1, 4),
                "a": _num(rng.randint(100, b)), "b": _num(b), "n": _num(rng.randint(1000, 90000)),
                "k": _num(rng.randint(10, 999)), "s": rng.randint(2, 90), "r": rng.randint(1, 63),
                "p": f"{rng.uniform(1, 99.9):.2f}".replace(".", ","),
                "p2": f"{rng.uniform(0, 5):.1f}".replace(".", ","),
            }
            sentences.append(rng.choice(TEMPLATES).format(**values))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
    return "\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from dvc_analysis.extract import extract_text

    text = make_text(args.chars)
    extract_text(text[:2000])  # warm-up: imports, compiled patterns, province table
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        figures = extract_text(text, source_id="bench")
        times.append(time.perf_counter() - start)
    best = min(times)
    status = "OK" if best <= 1.0 else "TOO SLOW"
    print(f"extract_text: {_num(len(text))} characters, {len(figures)} figures, "
          f"best of {args.repeat}: {best:.3f} s (target ≤ 1 s: {status})")


if __name__ == "__main__":
    main()
