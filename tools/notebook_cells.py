# ruff: noqa: E501  (markdown tables are one line per row)
"""The text and code of every training notebook, as data for ``tools/build_notebooks.py``.

Rules kept here (tests/test_notebooks_meta.py checks them on the built notebooks):
the first markdown cell has the title, **Tujuan**, **Untuk siapa** and **Waktu**; code
cells are short and only call the package; the first line of every code cell is an
Indonesian comment saying what the cell does (never a test marker, never an import); a
cell whose output is deterministic has ``# NBVAL_CHECK_OUTPUT`` on its second line (nbval
reads markers on any comment line). Text meant only for JupyterLab (how to run cells,
``kip`` commands) goes in :func:`lab_only`, hidden in the no-code view. Legal facts come
from KIP.md; numbers shown by code come from ``kip_training.law``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    kind: str  # "markdown" or "code"
    source: str
    tags: tuple[str, ...] = ()


def md(text: str) -> Cell:
    return Cell("markdown", text)


def code(text: str, *tags: str) -> Cell:
    return Cell("code", text, tags)


#: How to run the cells: for JupyterLab only. The Voilà template of `kip app` and of
#: "Render with Voilà" hides <div class="kip-lab-saja"> (kip_training/voila_look.py).
LAB_ONLY = '<div class="kip-lab-saja">\n\n{text}\n\n</div>'


def lab_only(text: str) -> str:
    """Markdown shown in JupyterLab and hidden in the no-code view (Voilà)."""
    return LAB_ONLY.format(text=text)


HOW_TO_RUN = lab_only(
    """\
> **Cara memakai di JupyterLab.** Jalankan semua sel lewat menu **Run ▸ Menjalakan Semua
> Sel** (ejaan paket bahasa JupyterLab; *Run All Cells* bila JupyterLab Anda berbahasa
> Inggris), atau tekan **Shift + Enter** pada tiap sel. Kode disembunyikan; Anda cukup membaca teks
> dan memakai tombol serta isian yang muncul."""
)


def header(number: str, title: str, purpose: str, audience: str, minutes: str, name: str) -> Cell:
    return md(
        f"""\
# {number} · {title}

**Tujuan:** {purpose}

**Untuk siapa:** {audience}

**Waktu:** ± {minutes} menit

{HOW_TO_RUN}"""
    )


# --------------------------------------------------------------------------- 00

NB00 = [
    header(
        "00",
        "Mulai di Sini",
        "mengenal perangkat pelatihan PPID ini: isinya, notebook mana untuk siapa, cara "
        "menjalankan sel, dan cara membuka tampilan tanpa kode.",
        "semua peserta: pelatih di PPID Utama (Diskominfo), PPID Pembantu di OPD, dan staf "
        "PPID Utama yang menyiapkan rapat koordinasi.",
        "10",
        "00_mulai_di_sini",
    ),
    md(
        """\
## Apa ini?

**kip-training** adalah perangkat kerja dan pelatihan untuk Pejabat Pengelola Informasi
dan Dokumentasi (PPID) di pemerintah daerah, berdasarkan **Undang-Undang Nomor 14 Tahun
2008 tentang Keterbukaan Informasi Publik** (UU KIP). Perangkat ini membantu tiga pekerjaan:

1. **Melatih** PPID Pembantu tentang UU KIP: materi, latihan tenggat waktu, latihan
   klasifikasi informasi, uji konsekuensi, dan kuis dengan pembahasan.
2. **Memeriksa laporan enam bulanan** PPID Pembantu sebelum dikirim ke PPID Utama.
3. **Menyiapkan bahan rapat koordinasi** enam bulanan PPID Utama: siapa yang belum
   melapor, berapa permohonan yang dijawab tepat waktu, dan slide presentasinya.

Semua contoh memakai **data contoh** kota fiktif *Kota Contoh*. Tidak ada data pribadi
pemohon (nama, alamat, NIK, kontak) yang dipakai atau ditampilkan."""
    ),
    md(
        """\
## Notebook mana untuk siapa?

| No. | Notebook | Untuk siapa | Isi | Waktu |
|---|---|---|---|---|
| 00 | Mulai di Sini | semua | pengantar ini | 10 menit |
| 01 | Dasar Hukum KIP | pelatih dan peserta pelatihan | hak dan kewajiban, empat kategori informasi, peran PPID, siklus enam bulanan; kuis singkat tiap bagian | 90 menit |
| 02 | Latihan Tenggat Waktu | PPID Pembantu | menghitung jatuh tempo dengan kalender kerja yang sebenarnya; soal tenggat | 30 menit |
| 03 | Klasifikasi dan Uji Konsekuensi | PPID Pembantu | memilah informasi ke dalam empat kategori; mengisi lembar uji konsekuensi | 45 menit |
| 04 | Kuis Kewajiban Keterbukaan | peserta pelatihan | kuis lengkap: pilih topik dan jumlah soal, lihat nilai per topik | 30 menit |
| 05 | Periksa Laporan | PPID Pembantu dan PPID Utama | memeriksa laporan enam bulanan sebelum dikirim; melihat OPD yang belum melapor | 15 menit |
| 06 | Dasbor Pelatih | pelatih | hasil kuis peserta per topik dan per OPD | 10 menit, lalu terbuka selama sesi |
| 07 | Bahan Rapat Koordinasi | staf PPID Utama | grafik utama dua semester dan slide rapat koordinasi | 20 menit |"""
    ),
    md(
        lab_only(
            """\
## Cara menjalankan sel di JupyterLab

Notebook terdiri atas **sel**. Sel teks (seperti ini) hanya dibaca. Sel kode menjalankan
perintah; di notebook ini kodenya **disembunyikan** dan hanya hasilnya yang tampak.

- Klik sebuah sel lalu tekan **Shift + Enter** untuk menjalankannya dan pindah ke sel berikutnya.
- Menu **Run ▸ Menjalakan Semua Sel** menjalankan seluruh notebook dari atas.
- Bila tampilan kacau, pilih **Run ▸ Dimulai lagi kernel and Menjalakan Semua Sel…**
  (nama menu menurut paket bahasa JupyterLab).
- Ingin melihat kodenya? Klik tanda **⋯** pada sel yang tersembunyi.

Coba sekarang: jalankan sel di bawah ini."""
        )
    ),
    md(
        """\
## Contoh hitungan

Hasil di bawah ini menghitung batas waktu pemberitahuan tertulis untuk permohonan yang
diterima Senin, 16 Maret 2026."""
    ),
    code(
        """\
# Contoh: batas waktu pemberitahuan tertulis untuk permohonan 16 Maret 2026
# NBVAL_CHECK_OUTPUT
from kip_training.exercises.deadline import due_date, explain_due

print(explain_due(due_date("2026-03-16", "pemberitahuan")))"""
    ),
    md(
        """\
Perhatikan cara hitungnya. UU KIP tidak mendefinisikan "hari kerja", jadi perangkat ini
memakai **konvensi**: hari permohonan diterima adalah hari ke-0 dan tidak dihitung;
Sabtu, Minggu dan hari libur nasional (di sini Hari Suci Nyepi) selalu dilewati. Cuti
bersama **secara bawaan dihitung sebagai hari kerja**, sehingga jatuh temponya Selasa,
31 Maret 2026: tanggal yang lebih awal dan lebih aman bagi Badan Publik. Bila kota Anda
mengatur cuti bersama dilewati, jatuh temponya Selasa, 7 April 2026 (cuti bersama Nyepi
dan Idul Fitri serta Wafat Yesus Kristus ikut dilewati). Latihan lengkapnya ada di
notebook **02**."""
    ),
    md(
        lab_only(
            """\
## Tampilan tanpa kode (Voilà)

Untuk sesi pelatihan atau untuk rekan yang tidak ingin melihat kode, buka notebook
sebagai **aplikasi** tanpa kode:

- dari terminal, di folder proyek: `kip app notebooks/02_latihan_tenggat_waktu.ipynb`
  (atau `make app NOTEBOOK=notebooks/02_latihan_tenggat_waktu.ipynb`), lalu buka alamat
  yang muncul (biasanya `http://localhost:8866`);
- dari JupyterLab: klik tombol **Render with Voilà** di bilah alat notebook.

JupyterLab sendiri dibuka dengan `kip lab` atau `make lab`."""
        )
    ),
    md(
        """\
## Tentang ketepatan materi

Setiap fakta hukum di perangkat ini mencantumkan dasar hukumnya. Beberapa hal **belum pasti**
(sumbernya bertentangan atau tidak ditemukan); hal seperti itu selalu ditandai
*belum pasti* dan tidak dijadikan kunci jawaban kuis, misalnya apakah cuti bersama
termasuk hari kerja, atau batas kualifikasi monev sebelum 2018. Cara hitung yang dipilih
perangkat ini sendiri (misalnya hari diterima sebagai hari ke-0) disebut **konvensi**,
bukan bunyi undang-undang. Nilai kesiapan yang dihitung dari laporan
PPID Pembantu adalah **perkiraan internal**, bukan nilai monev Komisi Informasi."""
    ),
]

# --------------------------------------------------------------------------- 02

NB02 = [
    header(
        "02",
        "Latihan Tenggat Waktu",
        "menghitung jatuh tempo setiap tenggat UU KIP dengan kalender kerja yang sebenarnya "
        "(hari libur nasional dan libur daerah dilewati; cuti bersama menurut pengaturan), "
        "lalu berlatih dengan soal tenggat.",
        "PPID Pembantu dan petugas layanan informasi di OPD; juga pelatih yang memandu sesi.",
        "30",
        "02_latihan_tenggat_waktu",
    ),
    md(
        """\
## 1. Aturan menghitung

Semua tenggat di bawah ini dihitung dalam **hari kerja**. UU KIP tidak mendefinisikan
"hari kerja", jadi cara hitung berikut adalah **konvensi perangkat ini, bukan bunyi
undang-undang**:

- **hari awal penghitungan** (misalnya hari diterimanya permohonan) adalah **hari ke-0**
  dan tidak dihitung; jatuh tempo adalah hari kerja ke-N sesudahnya (bacaan biasa dari
  "N hari kerja sejak ...");
- yang **selalu bukan hari kerja**: Sabtu, Minggu, hari libur nasional, dan libur daerah
  yang dicatat di `data/calendar/libur_tambahan.csv`;
- **cuti bersama** (cuti kolektif ASN, bukan hari libur nasional) **belum pasti**:
  secara bawaan perangkat ini menghitungnya sebagai **hari kerja**, karena memberi
  tanggal yang lebih awal dan lebih aman bagi Badan Publik dan keputusan cuti bersama
  meminta unit pelayanan publik tetap melayani. Badan Publik yang peraturannya menutup
  layanan pada cuti bersama dapat mengatur `[kalender] cuti_bersama = "libur"` di
  `kip.toml`. Bila kedua cara memberi tanggal berbeda, keduanya ditampilkan;
- permohonan yang masuk hari Sabtu atau hari libur dihitung sama: hari kerja berikutnya
  menjadi hari ke-1. Praktik kantor berbeda di sini (ada yang baru mencatatnya diterima
  pada hari layanan buka berikutnya); ikuti aturan Badan Publik Anda.

Tenggat yang diatur UU KIP:"""
    ),
    code(
        """\
# Tabel tenggat UU KIP
from kip_training.exercises.tables import deadline_table, show

show(deadline_table())"""
    ),
    md(
        """\
Catatan:

- Pemberitahuan tertulis dapat diperpanjang **paling lama 7 hari kerja** dengan alasan
  tertulis (Pasal 22 ayat (8)), sehingga paling lambat hari kerja ke-17 sejak permohonan
  diterima.
- Bila Atasan PPID tidak menanggapi keberatan dalam 30 hari kerja, pemohon dapat
  mengajukan sengketa dalam 14 hari kerja sesudah masa 30 hari kerja itu berakhir. Ini
  **praktik** yang konsisten di prosedur berbagai Badan Publik (kemungkinan Perki
  1/2013; sumber sekunder), bukan bunyi UU KIP.
- Untuk penyelesaian sengketa di Komisi Informasi, UU KIP hanya menyebut "paling lambat
  dapat diselesaikan dalam waktu 100 hari kerja" (Pasal 38 ayat (2)); menghitungnya
  sejak permohonan penyelesaian sengketa diterima adalah **praktik**.
- Gugatan ke PTUN/PN diajukan dalam 14 hari sejak putusan Komisi Informasi diterima
  (Pasal 47–48); **belum pasti** apakah 14 hari itu hari kerja, sehingga tidak dihitung
  di sini."""
    ),
    md(
        """\
## 2. Contoh: permohonan menjelang Idul Fitri 2026

Sebuah permohonan informasi diterima **Senin, 16 Maret 2026**. Kapan pemberitahuan
tertulis paling lambat harus disampaikan?"""
    ),
    code(
        """\
# Contoh: jatuh tempo pemberitahuan tertulis untuk permohonan 16 Maret 2026
# NBVAL_CHECK_OUTPUT
from kip_training.exercises.deadline import due_date, explain_due

print(explain_due(due_date("2026-03-16", "pemberitahuan")))"""
    ),
    md(
        """\
Dengan pengaturan bawaan (cuti bersama dihitung sebagai hari kerja) jatuh temponya
**Selasa, 31 Maret 2026**; hanya Hari Suci Nyepi (19 Maret) yang dilewati selain Sabtu dan
Minggu. Bila cuti bersama dilewati, jatuh temponya **Selasa, 7 April 2026**: cuti bersama
Nyepi (18 Maret) dan Idul Fitri (20, 23 dan 24 Maret) serta Wafat Yesus Kristus (3 April)
ikut dilewati. Bila dihitung sebagai 10 hari kalender, atau sebagai 10 hari Senin–Jumat
tanpa memperhatikan hari libur, jawabannya keliru. Kalender
di bawah menunjukkan setiap hari yang dihitung (angka 1–10), hari libur yang dilewati
(**L**), dan jatuh temponya (merah)."""
    ),
    code(
        """\
# Kalender hari kerja untuk contoh di atas
from kip_training import charts

charts.show(charts.deadline_calendar(due_date("2026-03-16", "pemberitahuan")))"""
    ),
    md(
        """\
## 3. Hitung sendiri

Tulis **tanggal diterima** dengan urutan hari/bulan/tahun (misalnya `16/03/2026` atau
`16 Maret 2026`; tanggal yang terbaca tampak di sebelahnya), pilih **jenis tenggat**,
lalu tekan **Hitung**. Cobalah:

1. permohonan yang diterima hari Jumat sebelum libur panjang;
2. permohonan yang diterima hari Sabtu;
3. keberatan yang diterima Atasan PPID pada minggu pertama Desember (perhatikan libur
   akhir tahun)."""
    ),
    code(
        """\
# Kalkulator tenggat: tulis tanggal diterima, pilih jenis tenggat, tekan Hitung
from kip_training.exercises.deadline import DeadlineExercise

DeadlineExercise("2026-05-11", "pemberitahuan")"""
    ),
    md(
        """\
## 4. Soal tenggat

Soal berikut dibuat dari kalender yang sebenarnya: tanggal diterimanya dipilih acak
(kebanyakan menjelang hari libur), jadi setiap kali notebook dijalankan soalnya berbeda.
Isi nama dan OPD Anda, tekan **Mulai**, jawab, lalu tekan **Periksa**. Kunci jawaban
memakai pengaturan cuti bersama yang aktif (bawaan: dihitung sebagai hari kerja).
Pembahasan menyebutkan hari libur yang dilewati, pasalnya, dan konvensi cara hitungnya. Boleh memakai kalkulator di atas!"""
    ),
    code(
        """\
# Soal tenggat dari kalender yang sebenarnya
from kip_training.exercises.deadline import deadline_quiz
from kip_training.exercises.quiz_setup import quiz_app

quiz_app(deadline_quiz())"""
    ),
]

# --------------------------------------------------------------------------- 03

NB03 = [
    header(
        "03",
        "Klasifikasi Informasi dan Uji Konsekuensi",
        "memilah informasi OPD ke dalam empat kategori UU KIP, lalu mengisi lembar uji "
        "konsekuensi yang menjadi penetapan klasifikasi PPID untuk informasi yang hendak "
        "dikecualikan.",
        "PPID Pembantu yang menyusun Daftar Informasi Publik (DIP) dan membantu uji "
        "konsekuensi; pelatih yang memandu sesi.",
        "45",
        "03_klasifikasi_dan_uji_konsekuensi",
    ),
    md(
        """\
## 1. Empat kategori informasi publik

UU KIP membagi informasi publik menjadi empat kategori. Tiga kategori pertama **wajib
dibuka**, dengan cara yang berbeda; kategori keempat adalah **pengecualian** yang ketat
dan terbatas (Pasal 2 ayat (2))."""
    ),
    code(
        """\
# Tabel empat kategori informasi publik
from kip_training.exercises.tables import category_table, show

show(category_table())"""
    ),
    md(
        """\
Hal yang sering keliru:

- Informasi **berkala** diumumkan **paling singkat 6 (enam) bulan sekali** (Pasal 9).
- Informasi **serta-merta** diumumkan seketika, dengan cara yang mudah dijangkau dan bahasa
  yang mudah dipahami (Pasal 10). Contoh dalam peraturan pelaksana (sumber sekunder):
  bencana alam dan nonalam, kerusuhan sosial, penyebaran penyakit menular, keracunan
  makanan, rencana gangguan layanan utilitas publik.
- Informasi **tersedia setiap saat** (Pasal 11 ayat (1)) antara lain Daftar Informasi
  Publik (DIP), keputusan dan pertimbangannya, kebijakan, rencana kerja proyek,
  perjanjian dengan pihak ketiga dan prosedur kerja pelayanan publik.
- Informasi **dikecualikan** hanya yang memenuhi Pasal 17 huruf a–j, dan hanya sesudah
  **uji konsekuensi** serta pertimbangan kepentingan publik (Pasal 2 ayat (4))."""
    ),
    md(
        """\
## 2. Latihan: pilih kategori yang tepat

Isi **nama** dan **OPD** Anda, pilih kategori setiap informasi di bawah, lalu tekan
**Periksa**. Bila Anda memilih **Dikecualikan**, pilih juga **huruf Pasal 17** yang
menjadi dasarnya. Urutan butir berbeda untuk setiap peserta. Pembahasan hanya muncul
untuk butir yang sudah Anda jawab, dengan pasalnya; jawaban pertama setiap butir masuk
ke dasbor pelatih (notebook **06**), seperti kuis."""
    ),
    code(
        """\
# Latihan klasifikasi: pilih kategori setiap informasi
from kip_training.exercises.classification import ClassificationExercise

ClassificationExercise()"""
    ),
    md(
        """\
## 3. Informasi yang dikecualikan: Pasal 17

Informasi yang dikecualikan adalah informasi yang **bila dibuka** dapat menimbulkan
akibat berikut. Pengecualian huruf a–f **tidak bersifat permanen** (Pasal 20 ayat (1));
jangka waktunya diatur dengan Peraturan Pemerintah."""
    ),
    code(
        """\
# Tabel Pasal 17 huruf a–j
from kip_training.exercises.tables import pasal_17_table, show

show(pasal_17_table())"""
    ),
    md(
        """\
## 4. Uji konsekuensi, langkah demi langkah

Uji konsekuensi dapat dilakukan **sebelum** ada permohonan, **saat** permohonan datang, atau
**selama sengketa** atas perintah majelis Komisi Informasi. Langkahnya:

1. **kenali dokumennya**;
2. tetapkan **dengan tepat informasi mana** yang dikecualikan — bagian tertentu, bukan
   seluruh dokumen;
3. analisis **Undang-Undang** yang menjadi dasar pengecualian (beserta huruf Pasal 17);
4. timbang **kepatutan, kesusilaan, kepentingan umum dan hukum** terhadap **akibat bila
   informasi itu dibuka**.

Hasilnya adalah **keputusan tertulis PPID yang menetapkan klasifikasi informasi**
(penetapan klasifikasi), bukan sekadar lembar kerja. Penetapan itu ditandatangani dan
menyebut informasinya, dasar Undang-Undangnya, konsekuensinya bila dibuka, dan **jangka
waktu pengecualiannya** berupa **rentang waktu tertentu**, misalnya "5 tahun sejak
ditetapkan" (PP 61/2010 Pasal 1 angka 8–10; sumber sekunder). "Ditinjau ulang setiap
tahun" adalah **siklus peninjauan, bukan jangka waktu**; jadwal peninjauan boleh
ditambahkan, tetapi tidak menggantikan jangka waktu. Kapan dan bagaimana uji dilakukan
diatur Perki 1/2021 Pasal 49. Penetapan dicatat dalam Daftar Informasi yang Dikecualikan
(DIK), yang kini juga diperiksa dalam monev (sumber sekunder).

Kesalahan yang sering ditemukan Komisi Informasi: **mengecualikan seluruh dokumen**
padahal hanya sebagian yang dilindungi. Badan Publik yang menanggung beban pembuktian.
Bagian yang dikecualikan boleh **dihitamkan** (penghitaman) dengan alasan, dan sisanya
tetap diberikan (Pasal 22 ayat (7) huruf e).

Contoh penetapan klasifikasi yang sudah diisi:"""
    ),
    code(
        """\
# Contoh penetapan klasifikasi yang sudah diisi
# NBVAL_CHECK_OUTPUT
from kip_training.exercises.consequence import example, summary

print(summary(example()))"""
    ),
    md(
        """\
## 5. Isi lembar uji konsekuensi Anda

Isi formulir untuk satu dokumen di OPD Anda (atau tekan **Isi contoh** untuk melihat
contoh), lalu tekan **Buat lembar uji**. Perangkat ini memeriksa isian yang kosong atau
lemah (termasuk jangka waktu yang hanya berupa siklus peninjauan), lalu menyediakan
lembar uji dalam format Excel (xlsx) untuk diunduh, dicetak dan ditandatangani sebagai
penetapan klasifikasi oleh PPID."""
    ),
    code(
        """\
# Formulir lembar uji konsekuensi
from kip_training.exercises.consequence import ConsequenceForm

ConsequenceForm()"""
    ),
]

# --------------------------------------------------------------------------- quizzes


def quiz(topics: list[str], count: int, seed: int, name: str) -> Cell:
    """A short quiz (same questions for everyone; name and OPD asked inside the widget)."""
    return code(
        f"""\
# Kuis singkat bagian ini
from kip_training.exercises.quiz_setup import short_quiz

short_quiz({topics!r}, count={count}, seed={seed}, name={name!r})"""
    )


# --------------------------------------------------------------------------- 01

NB01 = [
    header(
        "01",
        "Dasar Hukum Keterbukaan Informasi Publik",
        "memahami UU 14/2008 tentang Keterbukaan Informasi Publik untuk pekerjaan "
        "sehari-hari PPID: hak dan kewajiban, empat kategori informasi, peran PPID, dan "
        "siklus pelaporan enam bulanan. Setiap bagian ditutup dengan kuis singkat.",
        "pelatih yang membawakan sesi dan peserta pelatihan (PPID Pembantu dan staf PPID Utama).",
        "90",
        "01_dasar_hukum_kip",
    ),
    md(
        """\
**Alur sesi.** Empat bagian, masing-masing ± 20 menit: materi (pelatih menjelaskan),
lalu kuis singkat 3 soal yang dikerjakan peserta di laptop masing-masing. Isi nama dan
OPD Anda pada kuis; hasilnya masuk ke dasbor pelatih (notebook **06**).

Singkatan: **UU KIP** = Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi
Publik (disahkan 30 April 2008, berlaku 30 April 2010); **PP 61/2010** = peraturan
pelaksananya; **Perki 1/2021** = Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang
Standar Layanan Informasi Publik; **KI** = Komisi Informasi."""
    ),
    md(
        """\
## Bagian 1. Hak dan kewajiban

### Siapa yang terikat dan informasi apa

- **Informasi Publik** adalah informasi yang dihasilkan, disimpan, dikelola, dikirim
  dan/atau diterima oleh Badan Publik yang berkaitan dengan penyelenggara dan
  penyelenggaraan negara dan/atau Badan Publik, serta informasi lain yang berkaitan
  dengan kepentingan publik (UU KIP Pasal 1 angka 2).
- **Badan Publik** adalah lembaga eksekutif, legislatif, yudikatif, dan badan lain yang
  dananya sebagian atau seluruhnya bersumber dari APBN/APBD; termasuk organisasi
  nonpemerintah yang sebagian atau seluruh dananya bersumber dari APBN/APBD, sumbangan
  masyarakat, dan/atau luar negeri (UU KIP Pasal 1 angka 3). Setiap dinas, badan,
  kecamatan dan kelurahan di kota Anda adalah bagian dari Badan Publik.
- **Pemohon** adalah warga negara dan/atau badan hukum Indonesia yang mengajukan
  permintaan informasi (PP 61/2010 Pasal 1 angka 6).

### Hak pemohon

- Mengajukan permintaan **secara tertulis atau tidak tertulis**; Badan Publik mencatat
  nama, alamat, subjek dan format informasi serta cara penyampaiannya, dan memberikan
  **nomor pendaftaran** (UU KIP Pasal 22 ayat (2)–(4)).
- Mendapat **pemberitahuan tertulis paling lambat 10 hari kerja** sejak permintaan
  diterima (Pasal 22 ayat (7)); dapat diperpanjang paling lama 7 hari kerja dengan alasan
  tertulis (Pasal 22 ayat (8)). Cara menghitung hari kerja (hari diterima sebagai hari
  ke-0, cuti bersama) adalah konvensi perangkat ini, dibahas di notebook **02**.
- Mengajukan **keberatan** kepada Atasan PPID (Pasal 35) dan, bila tidak puas,
  **sengketa** ke Komisi Informasi (Pasal 37).

### Kewajiban Badan Publik

- Menunjuk **PPID** dan membangun sistem layanan informasi (UU KIP Pasal 13).
- Menyediakan informasi **berkala, serta-merta, dan tersedia setiap saat** (Pasal 9–11).
- Mengecualikan informasi hanya secara **ketat dan terbatas** (Pasal 2 ayat (2)), dengan
  **uji konsekuensi** dan pertimbangan kepentingan publik (Pasal 2 ayat (4)).
- Setiap tahun mengumumkan layanan informasinya (Pasal 12): **a.** jumlah permintaan
  yang diterima; **b.** waktu yang diperlukan untuk memenuhi setiap permintaan; **c.**
  jumlah pemberian dan penolakan; **d.** alasan penolakan. Empat hal inilah inti laporan
  enam bulanan PPID Pembantu.

**Data pribadi pemohon.** Nama, alamat, NIK dan kontak pemohon adalah data pribadi
(UU 27/2022 tentang Pelindungan Data Pribadi). Laporan PPID Pembantu kepada PPID Utama
cukup memuat jumlah dan tanggal, bukan identitas pemohon.

### Kuis Bagian 1"""
    ),
    quiz(["definisi_badan_publik"], 3, 101, "Dasar hukum KIP – bagian 1"),
    md(
        """\
## Bagian 2. Empat kategori informasi

Tiga kategori wajib dibuka dengan cara yang berbeda; yang keempat adalah pengecualian."""
    ),
    code(
        """\
# Tabel empat kategori informasi publik
from kip_training.exercises.tables import category_table, show

show(category_table())"""
    ),
    md(
        """\
Contoh dari OPD di lingkungan pemerintah kota:

| Kategori | Contoh di OPD |
|---|---|
| **Berkala** (Pasal 9), paling singkat 6 (enam) bulan sekali | profil dan struktur organisasi Dinas Kesehatan; laporan realisasi anggaran Dinas Pendidikan; ringkasan laporan kinerja Bappeda |
| **Serta-merta** (Pasal 10) | peringatan dini banjir dan jalur evakuasi dari BPBD; merebaknya demam berdarah di satu kecamatan; keracunan makanan massal di sekolah |
| **Tersedia setiap saat** (Pasal 11 ayat (1)) | Daftar Informasi Publik (DIP) Dinas Perhubungan; perjanjian kerja sama Dinas Pariwisata dengan pihak ketiga; SOP pelayanan perizinan DPMPTSP |
| **Dikecualikan** (Pasal 17) | rekam medis pasien RSUD (huruf h); hasil evaluasi pribadi seorang pegawai (huruf h); identitas saksi pelapor dalam penyidikan yang berjalan (huruf a); memorandum atau surat antar/intra Badan Publik yang menurut sifatnya dirahasiakan, kecuali atas putusan Komisi Informasi atau pengadilan (huruf i) |

Pasal 17 huruf b melindungi **hak atas kekayaan intelektual** dan **perlindungan dari
persaingan usaha tidak sehat**, misalnya rahasia dagang dalam penawaran sebuah perusahaan
yang hanya dapat ditutup pada bagian itu, sesudah uji konsekuensi.

Latihan klasifikasi yang lebih panjang dan uji konsekuensi ada di notebook **03**.

### Kuis Bagian 2"""
    ),
    quiz(["kategori_informasi"], 3, 102, "Dasar hukum KIP – bagian 2"),
    md(
        """\
## Bagian 3. Peran PPID dan jalur keberatan

| Peran | Tugas | Dasar |
|---|---|---|
| **PPID** | pejabat yang bertanggung jawab di bidang penyimpanan, pendokumentasian, penyediaan dan/atau pelayanan informasi di Badan Publik | PP 61/2010 Pasal 1 angka 5 |
| **PPID Utama** | PPID utama Badan Publik; di pemerintah kota biasanya di Diskominfo | praktik pemerintah daerah |
| **PPID Pembantu** | PPID di setiap OPD: mengumpulkan dan mendokumentasikan informasi unitnya, meneruskannya ke PPID Utama (paling sedikit setiap 6 bulan), memeriksa awal permohonan, membantu uji konsekuensi, dan melaporkan layanannya kepada PPID Utama | Permendagri 3/2017 (sumber sekunder); rinciannya diatur Perwal/Perbup |
| **Atasan PPID** | menanggapi keberatan | UU KIP Pasal 35–36 |

**Alasan keberatan** (UU KIP Pasal 35 ayat (1)); alasan b–g dapat diselesaikan secara
musyawarah (Pasal 35 ayat (2)):"""
    ),
    code(
        """\
# Tabel alasan keberatan
from kip_training.exercises.tables import objection_table, show

show(objection_table())"""
    ),
    md(
        """\
**Jalur bila pemohon tidak puas:**

1. **Keberatan** kepada Atasan PPID, diajukan dalam 30 hari kerja dan ditanggapi secara
   tertulis dalam 30 hari kerja (Pasal 36).
2. **Sengketa** ke Komisi Informasi dalam 14 hari kerja sejak tanggapan tertulis Atasan
   PPID diterima (Pasal 37 ayat (2)). Bila Atasan PPID tidak menanggapi dalam 30 hari
   kerja, dalam **praktik** 14 hari kerja itu dihitung sejak masa 30 hari kerja tersebut
   berakhir (sumber sekunder; bukan bunyi UU KIP).
3. Di Komisi Informasi: **mediasi hanya untuk sengketa atas alasan keberatan huruf b–g**
   (kesepakatan hasil mediasi bersifat final dan mengikat), lalu ajudikasi nonlitigasi
   bila mediasi gagal. Sengketa atas **penolakan berdasarkan Pasal 17** (huruf a) tidak
   dimediasi, tetapi **langsung diputus melalui ajudikasi nonlitigasi** (Pasal 40 ayat (2);
   sumber sekunder). Dalam sengketa, Badan Publik menanggung beban pembuktian atas
   informasi yang dikecualikannya (Pasal 45; sumber sekunder).
4. **Gugatan** ke PTUN (bila Badan Publik negara) atau Pengadilan Negeri (Badan Publik
   selain Badan Publik negara) (Pasal 47), lalu **kasasi** ke Mahkamah Agung (Pasal 50).

Cara menghitung setiap tenggat dilatih di notebook **02**.

### Kuis Bagian 3"""
    ),
    quiz(["peran_ppid_laporan", "keberatan"], 3, 103, "Dasar hukum KIP – bagian 3"),
    md(
        """\
## Bagian 4. Siklus enam bulanan, monev, dan sanksi

### Siklus kerja PPID di pemerintah kota

1. **Setiap hari:** PPID Pembantu mencatat setiap permohonan di register (tanggal
   diterima, informasi yang diminta, keputusan, tanggal pemberitahuan tertulis).
2. **Setiap 6 bulan:** PPID Pembantu mengirim **laporan enam bulanan** kepada PPID
   Utama (Permendagri 3/2017; rinciannya diatur Perwal/Perbup): jumlah permohonan, waktu
   menjawab, yang dipenuhi dan ditolak beserta alasannya (Pasal 12), keberatan,
   informasi berkala yang diumumkan, serta kendala. Periksa laporan Anda dulu di
   notebook **05**.
3. **Setiap 6 bulan:** PPID Utama mengadakan **rapat koordinasi** untuk menghimpun
   laporan itu dan membina PPID Pembantu (bahan rapatnya disiapkan di notebook **07**).
4. **Setiap tahun:** laporan tahunan layanan informasi disampaikan paling lambat 3 bulan
   setelah tahun anggaran berakhir (Perki 1/2021 Pasal 56; sumber sekunder), dan Komisi
   Informasi melakukan **monitoring dan evaluasi (monev)**: kuesioner penilaian mandiri
   (SAQ) di portal e-monev, verifikasi, lalu presentasi atau visitasi.

### Monev: siapa menilai, dan kualifikasinya

Setiap Komisi Informasi menilai Badan Publik di wilayahnya (Perki 1/2022; sumber
sekunder). Pemerintah kota dan kabupaten dinilai oleh **Komisi Informasi provinsinya**,
bukan oleh KI Pusat: Kota Serang, misalnya, dinilai KI Provinsi Banten (92,50,
Informatif, pada 2019). **Indikator dan bobot berbeda menurut Komisi Informasi dan
tahun** (KI Pusat 2022 memakai enam indikator, KI Banten 2023 empat); periksa pedoman KI
provinsi Anda untuk tahun berjalan.

Sejak 2018 KI Pusat, dan KI provinsi yang sumbernya ditemukan, memakai kualifikasi
berikut (sumber sekunder, konsisten dari tahun ke tahun): Informatif 90–100, Menuju
Informatif 80–89,9, Cukup Informatif 60–79,9, Kurang Informatif 40–59,9, Tidak
Informatif 0–39,9. Untuk tahun sebelum 2018 tidak ada batas kualifikasi yang dapat
dipastikan (KI Pusat memeringkat Badan Publik), jadi tidak diajarkan di sini. Tabel
berikut diambil dari data kualifikasi per Komisi Informasi dan tahun yang dibawa
perangkat ini:"""
    ),
    code(
        """\
# Tabel kualifikasi monev per Komisi Informasi dan tahun
from kip_training.exercises.tables import monev_table, show

show(monev_table())"""
    ),
    md(
        """\
Nilai kesiapan yang dihitung perangkat ini dari laporan PPID Pembantu adalah
**perkiraan internal**, bukan nilai monev Komisi Informasi; nama kualifikasi di atas
adalah milik Komisi Informasi.

### Sanksi pidana (UU KIP Bab XI)"""
    ),
    code(
        """\
# Tabel sanksi pidana
from kip_training.exercises.tables import sanction_table, show

show(sanction_table())"""
    ),
    md(
        """\
Pasal 54 (mengakses atau memberikan informasi yang dikecualikan tanpa hak) dan Pasal 55
(membuat informasi publik yang tidak benar atau menyesatkan) juga memuat ancaman pidana.
Besaran pidana Pasal 54 hanya berasal dari sumber sekunder, sedangkan besaran pada
Pasal 55 dan apakah tindak pidana ini merupakan **delik aduan** masih **belum pasti**;
karena itu kedua pasal ini tidak dijadikan kunci jawaban kuis. Perhatikan unsur
Pasal 53: perbuatan menghancurkan, merusak dan/atau menghilangkan dokumen dilakukan
**"dengan sengaja dan melawan hukum"**.

### Kuis Bagian 4"""
    ),
    quiz(["monev", "sanksi"], 3, 104, "Dasar hukum KIP – bagian 4"),
    md(
        """\
## Ringkasan: hal yang belum pasti

Perangkat ini tidak mengajarkan hal berikut sebagai kepastian:

- ayat mana pada **Pasal 9** yang memuat kewajiban "paling singkat 6 (enam) bulan
  sekali" (kemungkinan ayat (3)); sebutlah "Pasal 9" saja;
- apakah **cuti bersama** termasuk hari kerja (perangkat ini secara bawaan
  menghitungnya sebagai hari kerja, sebagai konvensi; notebook **02**);
- apakah 14 hari untuk gugatan ke PTUN/PN (Pasal 47–48) dihitung dalam **hari kerja**;
- besaran pidana **Pasal 55** dan sifat **delik aduan**;
- batas kualifikasi **monev** sebelum 2018.

Lanjutkan dengan notebook **02** (tenggat waktu) dan **03** (klasifikasi dan uji
konsekuensi), atau kuis lengkap di notebook **04**."""
    ),
]

# --------------------------------------------------------------------------- 04

NB04 = [
    header(
        "04",
        "Kuis Kewajiban Keterbukaan Informasi",
        "menguji pemahaman tentang UU KIP: jawab soal, lihat nilai per topik, lalu pelajari "
        "pembahasan setiap soal beserta pasal yang menjadi dasarnya.",
        "peserta pelatihan (PPID Pembantu, staf PPID Utama); pelatih yang ingin mengukur "
        "hasil sesi.",
        "30",
        "04_kuis_kewajiban_keterbukaan",
    ),
    md(
        """\
## Cara mengerjakan

**Dalam sesi pelatihan** (Anda membuka halaman ini dari tautan atau kode QR pelatih):
soalnya sudah dipilih pelatih dan sama untuk semua peserta.

1. Isi **nama** dan **OPD** Anda sekali saja, lalu tekan **Mulai**. Bila pelatih memberi
   batas waktu, waktu mulai berjalan saat itu.
2. Jawab setiap soal dan tekan **Periksa**: Anda langsung melihat benar atau salah,
   pembahasannya, dan pasal yang menjadi dasarnya. Soal yang belum dijawab ketika
   waktunya habis dihitung salah.
3. Tekan **Selesai** untuk melihat nilai, status lulus, dan pembahasan semua soal. Bila
   sesi memberi kesempatan lagi, tekan **Ulangi kuis**.

**Belajar sendiri:** pilih **topik** (boleh lebih dari satu; tanpa pilihan berarti semua
topik) dan **jumlah soal**, tekan **Buat kuis**, lalu ikuti langkah yang sama. Pilihan
topik terkunci selama kuis berjalan; setelah selesai Anda dapat membuat kuis baru tanpa
mengisi nama lagi.

Setiap jawaban tersimpan begitu diperiksa dan langsung tampak di dasbor pelatih. Bila Anda
bekerja di laptop sendiri tanpa jaringan, tekan **Unduh berkas hasil saya** di akhir kuis
dan kirim berkasnya kepada pelatih.

Soal tenggat waktu dibuat dari kalender kerja yang sebenarnya (UU KIP Pasal 22, 36–38):
hari libur nasional selalu dilewati; menurut konvensi perangkat ini hari diterima adalah
hari ke-0 dan cuti bersama secara bawaan dihitung sebagai hari kerja (pembahasannya
menyebut tanggal menurut kedua cara bila berbeda). Hal yang masih **belum pasti** menurut
sumber hukum tidak dijadikan kunci jawaban. Soal pasangan dan pilihan ganda diberi
nilai sebagian."""
    ),
    md("## Soal"),
    code(
        """\
# Soal kuis: topik dalam bank soal, atau (dari tautan pelatih) soal sesi pelatihan
from kip_training.exercises.quiz_setup import overview_text

print(overview_text())"""
    ),
    md("## Kuis"),
    code(
        """\
# Kuis: soal sesi pelatihan bila halaman ini dibuka dari tautan pelatih, selain itu pilih topik sendiri
from kip_training.exercises.quiz_setup import quiz_for_notebook

quiz_for_notebook(count=10)"""
    ),
]

# --------------------------------------------------------------------------- 05

NB05 = [
    header(
        "05",
        "Periksa Laporan Enam Bulanan",
        "memeriksa laporan enam bulanan PPID Pembantu sebelum dikirim: setiap masalah "
        "disebutkan dengan lembar, baris, kolom dan cara memperbaikinya; bagi PPID Utama, "
        "memeriksa satu folder laporan sekaligus dan melihat OPD yang belum melapor.",
        "PPID Pembantu yang akan mengirim laporan (bagian 1–3) dan staf PPID Utama yang "
        "menghimpun laporan (bagian 4).",
        "15",
        "05_periksa_laporan",
    ),
    md(
        """\
## 1. Laporan enam bulanan dan cara memeriksanya

Setiap 6 bulan PPID Pembantu mengirim laporan layanan informasinya kepada PPID Utama.
Intinya adalah empat hal yang wajib diumumkan Badan Publik (UU KIP Pasal 12): jumlah
permintaan informasi, waktu untuk memenuhi setiap permintaan, jumlah yang diberikan dan
ditolak, serta alasan penolakan. Laporan memakai **templat** yang sama untuk semua OPD
(unduh dengan tombol **Unduh templat laporan kosong** di bagian 3), dengan lembar **Identitas**,
**Permohonan**, **Keberatan**, **Berkala** dan **Kendala**.

Laporan **tidak memuat identitas pemohon** (nama, alamat, NIK, kontak): itu data pribadi
yang tidak diperlukan PPID Utama. Bila ada kolom seperti itu, kolom itu dibuang saat
dibaca dan pemeriksaan menyebutkannya.

Hasil pemeriksaan memakai tiga tingkat:

| Tingkat | Artinya | Yang dilakukan |
|---|---|---|
| **Galat** | isian tidak dapat dipakai (tanggal mustahil, kode tidak dikenal, isian wajib kosong) | perbaiki, lalu periksa ulang; baris itu belum dihitung |
| **Temuan** | isinya sah tetapi menunjukkan layanan yang perlu dibenahi, misalnya pemberitahuan tertulis melewati 10 hari kerja, atau 17 hari kerja bila diperpanjang (Pasal 22 ayat (7) dan (8)), dihitung dengan konvensi perangkat ini (hari diterima = hari ke-0; cuti bersama menurut pengaturan, bawaan: hari kerja) | tindak lanjuti di OPD; tidak perlu mengubah laporan |
| **Peringatan** | nilai sudah ditafsirkan (misalnya ejaan lain dari suatu pilihan) | pastikan tafsirannya benar |"""
    ),
    md(
        """\
## 2. Contoh: laporan Dinas Perhubungan

Laporan contoh Dinas Perhubungan (data fiktif *Kota Contoh*, Semester II 2025) memuat
satu kesalahan yang sering terjadi. Hasil pemeriksaannya:"""
    ),
    code(
        """\
# Hasil pemeriksaan laporan contoh Dinas Perhubungan
# NBVAL_CHECK_OUTPUT
from kip_training.exercises.report_check import check, verdict
from kip_training.exercises.session import sample_folder

contoh = check([sample_folder("2025-S2") / "DISHUB_2025-S2.xlsx"])
print(verdict(contoh))"""
    ),
    code(
        """\
# Daftar masalah laporan contoh
from kip_training.exercises.report_check import issues_table
from kip_training.exercises.tables import show

show(issues_table(contoh.issues))"""
    ),
    md(
        """\
Tanggal pemberitahuan lebih awal daripada tanggal permohonan diterima: biasanya kedua
tanggal tertukar saat mengetik. Buka berkasnya, perbaiki baris yang disebut, simpan,
lalu periksa ulang."""
    ),
    md(
        """\
## 3. Periksa laporan Anda

Belum punya templat? Tekan **Unduh templat laporan kosong**. Sudah mengisinya? Tekan
**Unggah laporan** dan pilih berkas laporan Anda (xlsx, xlsm, xls, ods atau csv); nama
berkas yang dipilih tampak di sebelah tombol. Lalu tekan **Periksa**. Berkas Anda hanya
dibaca untuk pemeriksaan ini."""
    ),
    md(
        lab_only(
            """\
Di JupyterLab pada komputer sendiri Anda juga dapat menuliskan path berkas laporan di
kotak path. Di aplikasi tanpa kode (`kip app`) kotak itu hanya muncul bila pelatih
menyiapkan satu folder laporan di server (`kip app --folder-laporan FOLDER`)."""
        )
    ),
    code(
        """\
# Periksa laporan Anda: unduh templat, unggah laporan, tekan Periksa
from kip_training.exercises.report_check import ReportCheck

ReportCheck()"""
    ),
    md(
        """\
## 4. Untuk PPID Utama: satu folder, semua OPD

Kumpulkan semua laporan satu semester dalam satu folder, lalu periksa sekaligus. Daftar
OPD yang wajib melapor diambil dari `data/opd.csv`. Laporan dianggap terlambat bila
tanggal laporannya melewati batas kirim (bawaan: hari kerja ke-10 setelah semester
berakhir, dengan hari terakhir semester sebagai hari ke-0; diatur dengan
`laporan.batas_kirim_hari_kerja` di `kip.toml`). Batas kirim ini pengaturan kota, bukan
tenggat UU KIP. Contoh dengan laporan contoh Semester II 2025:"""
    ),
    code(
        """\
# Contoh: OPD yang belum melapor pada laporan contoh Semester II 2025
# NBVAL_CHECK_OUTPUT
from kip_training.exercises.report_check import missing_text

semua = check([sample_folder("2025-S2")])
print(missing_text(semua))"""
    ),
    md(
        """\
Pemeriksaan satu folder di bawah ini memakai laporan contoh. Tabel berkas menunjukkan
berapa baris yang dibaca, diterima dan ditolak dari setiap laporan; tidak ada baris yang
hilang tanpa keterangan. Di JupyterLab, ganti path folder lalu tekan **Periksa** untuk
memeriksa folder Anda sendiri."""
    ),
    code(
        """\
# Periksa satu folder laporan sekaligus
ReportCheck(sample_folder("2025-S2"), folder=True, run=True)"""
    ),
    md(
        """\
Grafik dan slide rapat koordinasi dibuat di notebook **07**."""
    ),
    md(
        lab_only(
            """\
Hasil pemeriksaan per OPD dapat dikirim kembali sebagai berkas Excel, satu berkas per
OPD, dengan perintah `kip check FOLDER --feedback FOLDER_HASIL` (lihat
`kip check --help`)."""
        )
    ),
]

# --------------------------------------------------------------------------- 06

NB06 = [
    header(
        "06",
        "Dasbor Pelatih",
        "memantau sesi pelatihan selagi berjalan: siapa sedang mengerjakan, bagaimana jawaban "
        "tersebar pada tiap soal, jenis kesalahan pada soal tenggat, dan siapa yang lulus; "
        "lalu mengunduh hasil dan sertifikat.",
        "pelatih di PPID Utama (Diskominfo) yang membawakan sesi.",
        "10",
        "06_dasbor_pelatih",
    ),
    md(
        """\
## Cara kerja

Setiap jawaban peserta tersimpan begitu diperiksa, di basis data hasil kuis yang sama
untuk seluruh ruangan. Dasbor di bawah ini **memperbarui dirinya sendiri** setiap
beberapa detik: tidak ada tombol yang perlu ditekan. Pilih sesi (judul dan kode sesi),
kuis dan tanggal di bagian atas; semua waktu ditampilkan dalam WIB.

- **Per soal**: teks soal, grafik sebaran jawaban pada tiap pilihan (batang hijau =
  jawaban benar) dan persentase benar. Pada soal tenggat, grafik merah menunjukkan
  **jenis kesalahan**: menghitung hari kalender alih-alih hari kerja, hari libur atau cuti
  bersama tidak dilewati, atau hari diterima ikut dihitung (UU KIP Pasal 22 ayat (7):
  pemberitahuan tertulis paling lambat 10 hari kerja).
- **Peserta**: percobaan yang dihitung, nilai, lulus atau belum, lama mengerjakan; peserta
  yang **sedang mengerjakan** ditandai.
- **Layar proyektor**: satu soal dalam ukuran besar dan **10 besar** (nilai tertinggi,
  lalu waktu tercepat). Untuk layar bersama, pilih nama samaran ("Peserta 1", inisial).
- **Unduh**: berkas hasil (xlsx: lembar Peserta, Per soal, Jawaban) dan sertifikat PDF
  untuk setiap peserta yang lulus; berkas diunduh lewat peramban.
- **Impor**: hasil peserta yang bekerja luring (berkas JSON); jawaban yang sama tidak
  dihitung dua kali."""
    ),
    md(
        """\
## 1. Sesi yang sedang berjalan"""
    ),
    code(
        """\
# Dasbor langsung: diperbarui sendiri setiap beberapa detik
from kip_training.exercises.trainer import TrainerView

TrainerView()"""
    ),
    md(
        """\
## 2. Contoh: sesi dengan data contoh

Sebelum sesi, lihat bagaimana dasbor tampak bila sudah terisi. Data berikut adalah
jawaban 12 peserta **fiktif** ("Peserta 01", "Peserta 02", …) dari berbagai OPD pada sesi
contoh berkode **CONTOH**; sebagian mengulang kuis, sebagian belum selesai."""
    ),
    code(
        """\
# Dasbor untuk sesi contoh (peserta fiktif)
from kip_training.exercises.trainer import TrainerView, sample_session_db

TrainerView(sample_session_db(), interval=None)"""
    ),
    md(
        """\
## 3. Setelah sesi

Unduh berkas hasil dan sertifikat di tab **Unduh** untuk bagian kepegawaian atau LMS.
Ringkasan hasil pelatihan juga dapat dimasukkan ke slide rapat koordinasi (notebook
**07**)."""
    ),
]

# --------------------------------------------------------------------------- 07

NB07 = [
    header(
        "07",
        "Bahan Rapat Koordinasi PPID",
        "menyiapkan bahan rapat koordinasi enam bulanan: membaca laporan PPID Pembantu dua "
        "semester, melihat grafik utamanya, dan membuat slide PowerPoint.",
        "staf PPID Utama yang menyiapkan rapat koordinasi.",
        "20",
        "07_bahan_rapat_koordinasi",
    ),
    md(
        """\
## Pengaturan

Pilih di bawah ini:

- **Semester** yang dibahas, misalnya Semester II 2025;
- **Laporan semester ini**: unggah laporan PPID Pembantu semester itu (boleh banyak
  berkas sekaligus); tanpa unggahan dipakai data contoh *Kota Contoh* (fiktif);
- **Laporan semester sebelumnya**, untuk perbandingan; tanpa unggahan dipakai data
  contoh bila ada;
- **Sertakan slide hasil pelatihan**: menambahkan ringkasan hasil kuis peserta dari
  basis data hasil kuis.

Lalu tekan **Buat bahan rapat**. Angka utama, grafik, daftar OPD yang belum melapor dan
tautan unduhan slide muncul di bawah tombol. Pertama kali dibuka, bahan dari data contoh
Semester II 2025 langsung ditampilkan.

Angka tepat waktu menghitung pemberitahuan tertulis yang disampaikan paling lambat 10
hari kerja sejak permohonan diterima (UU KIP Pasal 22 ayat (7)), atau 17 hari kerja bila
diperpanjang dengan alasan tertulis (Pasal 22 ayat (8)); keputusan atas permohonan
mengikuti Pasal 12 huruf c dan lama menjawab Pasal 12 huruf b. Hari kerjanya dihitung
dengan konvensi perangkat ini, bukan bunyi UU KIP: hari diterima adalah hari ke-0, dan
cuti bersama mengikuti pengaturan `[kalender] cuti_bersama` di `kip.toml` (bawaan:
dihitung sebagai hari kerja, tanggal yang lebih awal). Garis putus-putus pada grafik
ketepatan waktu adalah ambang tindak lanjut (`rapat.ambang_tepat_waktu` di `kip.toml`);
OPD di bawahnya dibahas di rapat. Nilai kesiapan di slide adalah **perkiraan internal**,
bukan nilai monev Komisi Informasi."""
    ),
    md(
        lab_only(
            """\
Tanpa membuka notebook, slide dapat dibuat dengan papermill, misalnya
`papermill 07_bahan_rapat_koordinasi.ipynb hasil.ipynb -p periode 2025-S2`
(tambahkan `-p folder_laporan /path/ke/laporan`), atau dengan perintah `kip deck`.
Nilai awal untuk papermill ada di sel tersembunyi di bawah ini (`periode`,
`folder_laporan`, `folder_sebelumnya`, `kuis_db`, `keluaran`)."""
        )
    ),
    code(
        """\
# Nilai awal pengaturan (papermill dapat menggantinya; orang memakai isian di bawah)
periode = "2025-S2"
folder_laporan = None
folder_sebelumnya = None
kuis_db = None
keluaran = None""",
        "parameters",
    ),
    md("## Bahan rapat"),
    code(
        """\
# Pengaturan, angka utama, grafik, OPD yang belum melapor, dan slide rapat
from kip_training.exercises.meeting import MeetingForm

MeetingForm(periode, folder_laporan, folder_sebelumnya, kuis_db, keluaran)"""
    ),
]

# --------------------------------------------------------------------------- 08

NB08 = [
    header(
        "08",
        "Laporan Tahunan Layanan Informasi Publik",
        "menyusun laporan tahunan layanan informasi publik dari laporan PPID Pembantu "
        "Semester I dan II: dokumen Word, tabel xlsx untuk laman web, dan PDF bila diminta.",
        "staf PPID Utama yang menyusun laporan tahunan badan publik.",
        "15",
        "08_laporan_tahunan",
    ),
    md(
        """\
## Laporan tahunan

Setiap badan publik wajib mengumumkan layanan informasinya setiap tahun (UU KIP Pasal
12): jumlah permohonan, waktu pemenuhan, permohonan yang dikabulkan dan ditolak, serta
alasan penolakan. Laporan tahunan disusun menurut Peraturan Komisi Informasi Nomor 1
Tahun 2021 Pasal 56, paling lambat tiga bulan setelah tahun anggaran berakhir, dengan
enam bagian: kebijakan, pelaksanaan (sarana, SDM, anggaran), rincian layanan, keberatan
dan sengketa, kendala, serta rekomendasi dan rencana tindak lanjut.

Angka diambil dari laporan semester PPID Pembantu. Teks yang tidak dapat dihitung
(kebijakan, sarana, SDM, anggaran, perkara di pengadilan) ditulis di `kip.toml`, bagian
`[laporan_tahunan]`; yang belum diisi tampil sebagai **[isi: …]** di dokumen.

## 1. Contoh: tahun 2025 dari data contoh"""
    ),
    code(
        """\
# Contoh laporan tahunan 2025 dari data contoh
# NBVAL_CHECK_OUTPUT
from kip_training.exercises.annual_report import make_report, summary_text

contoh = make_report(2025)
print(summary_text(contoh))"""
    ),
    md(
        """\
## 2. Laporan tahun Anda

Isi tahun, folder laporan (satu folder berisi kedua semester, atau satu folder per
semester, satu per baris) dan berkas `kip.toml`, lalu tekan **Buat laporan**. Tautan
unduhan dokumen Word, tabel xlsx, dan PDF muncul di bawah tombol. Hari kerja dihitung
dengan konvensi perangkat ini (lihat notebook 02), bukan bunyi UU KIP."""
    ),
    code(
        """\
# Formulir laporan tahunan
from kip_training.exercises.annual_report import AnnualReportForm

AnnualReportForm()"""
    ),
]

NOTEBOOKS: dict[str, list[Cell]] = {
    "00_mulai_di_sini": NB00,
    "01_dasar_hukum_kip": NB01,
    "02_latihan_tenggat_waktu": NB02,
    "03_klasifikasi_dan_uji_konsekuensi": NB03,
    "04_kuis_kewajiban_keterbukaan": NB04,
    "05_periksa_laporan": NB05,
    "06_dasbor_pelatih": NB06,
    "07_bahan_rapat_koordinasi": NB07,
    "08_laporan_tahunan": NB08,
}
