"""Large companies often named without a legal form ("Siemens", "Huawei"): a general list
the rules read a firm by where no head word or legal form says so."""

from __future__ import annotations

import functools
import re

# Large companies often named without a legal form. General knowledge: the
# largest technology, industrial, consumer and pharmaceutical firms of the
# regions this project covers (China, Europe, North America, East Asia).
COMPANIES = """
Alibaba Tencent Huawei Baidu ByteDance JD.com Xiaomi Lenovo ZTE BYD Haier Hisense Midea Gree Geely
SAIC CATL DJI NetEase Meituan Pinduoduo Sinopec PetroChina Sinochem COFCO CRRC Inspur iFlytek
SenseTime Megvii Kuaishou Didi Ctrip Trip.com Anta Li-Ning Fosun Wanhua Sany Zoomlion Weichai
Siemens Bosch BASF Bayer SAP Volkswagen BMW Daimler Mercedes-Benz Audi Porsche Continental Infineon
Philips Shell Unilever Nestlé Nestle Novartis Roche ABB Sika Ericsson Nokia Volvo IKEA Schneider
Microsoft Apple Google Amazon Meta Facebook IBM Intel AMD Nvidia Qualcomm Cisco Oracle Tesla Boeing
Airbus Samsung Hyundai Sony Toyota Honda Panasonic Hitachi Toshiba Canon Nikon Mitsubishi Foxconn
TSMC Accenture Deloitte PwC KPMG McKinsey Pfizer AstraZeneca GSK GlaxoSmithKline Sanofi Medtronic
Honeywell Caterpillar DuPont Michelin Danone Maersk Vestas Lego Carlsberg Equinor Novozymes Siemens
Thales Dassault Renault Peugeot Stellantis Fiat Pirelli Ferrero Heineken Henkel Merck Lufthansa
Thyssenkrupp Evonik Covestro Zeiss Trumpf Festo Kuka Heraeus Schaeffler Miele Beiersdorf Adidas Puma
Huawei Hikvision Dahua Luxshare BOE Tianma Goertek Sunny Longi JinkoSolar Trina Envision Goldwind
""".split()
COMPANIES_MULTI = [
    "National Instruments",
    "General Electric",
    "General Motors",
    "Johnson & Johnson",
    "Rio Tinto",
    "SK Hynix",
    "LG Electronics",
    "Schneider Electric",
    "Novo Nordisk",
    "Ping An",
    "China Mobile",
    "China Telecom",
    "China Unicom",
    "State Grid",
    "Texas Instruments",
    "Hewlett Packard",
    "Applied Materials",
    "Procter & Gamble",
    "Rolls-Royce",
    "British Petroleum",
    "Deutsche Telekom",
]


@functools.cache
def company_pattern() -> re.Pattern[str]:
    names = sorted(set(COMPANIES) | set(COMPANIES_MULTI), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
