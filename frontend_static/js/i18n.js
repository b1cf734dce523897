// Interface strings in Indonesian (first) and English, and the language choice.
//
// The choice lives in localStorage and in the `gagasan_lang` cookie, which the server's
// LocaleMiddleware reads, so messages from the API follow the same language.

export const LANGUAGES = ["id", "en"];
const STORAGE_KEY = "gagasan_lang";
const COOKIE_NAME = "gagasan_lang";

const STRINGS = {
  id: {
    "app.name": "Gagasan",
    "app.tagline": "Platform inovasi ASN Pemprov DKI Jakarta",
    "skip.main": "Langsung ke konten utama",
    "nav.label": "Navigasi utama",
    "nav.feed": "Beranda",
    "nav.new": "Ide baru",
    "nav.leaderboard": "Peringkat",
    "nav.signout": "Keluar",
    "nav.signed_in_as": "Masuk sebagai",
    "lang.switch": "English",
    "lang.switch_label": "Switch the interface to English",
    "common.loading": "Memuat…",
    "common.error": "Terjadi kesalahan. Silakan coba lagi.",
    "common.network_error": "Tidak dapat terhubung ke server. Periksa koneksi Anda.",
    "common.retry": "Coba lagi",
    "common.all": "Semua",
    "common.none": "Tidak ada",
    "common.optional": "(opsional)",
    "common.votes": "suara",
    "common.comments": "komentar",
    "common.vote_count": "{n} suara",
    "common.comment_count": "{n} komentar",
    "status.draft": "Draf",
    "status.submitted": "Diajukan",
    "status.in_review": "Sedang ditinjau",
    "status.shortlisted": "Masuk daftar pendek",
    "status.accepted": "Diterima",
    "status.piloting": "Uji coba",
    "status.implemented": "Diterapkan",
    "status.rejected": "Ditolak",
    "status.merged": "Digabung",
    "phase.upcoming": "Akan datang",
    "phase.submission": "Pengajuan",
    "phase.voting": "Pemungutan suara",
    "phase.review": "Penilaian",
    "phase.closed": "Selesai",
    "region.kota": "Kota administrasi",
    "region.kabupaten": "Kabupaten administrasi",
    "region.kecamatan": "Kecamatan",
    "region.kelurahan": "Kelurahan",
    "region.kecamatan_named": "Kecamatan {name}",
    "live.connecting": "Menghubungkan…",
    "live.live": "Langsung",
    "live.reconnecting": "Menyambung ulang…",
    "live.paused": "Dijeda",
    "live.stopped": "Tidak langsung",

    "login.title": "Masuk",
    "login.heading": "Masuk ke Gagasan",
    "login.intro": "Gunakan akun ASN Anda untuk mengajukan dan mendukung ide inovasi Jakarta.",
    "login.username": "Nama pengguna",
    "login.password": "Kata sandi",
    "login.submit": "Masuk",
    "login.submitting": "Sedang masuk…",
    "login.failed": "Nama pengguna atau kata sandi salah.",

    "feed.title": "Beranda",
    "feed.heading": "Ide inovasi",
    "feed.intro": "Temukan, dukung, dan diskusikan ide ASN untuk masalah-masalah Jakarta.",
    "feed.filters": "Saring ide",
    "feed.search": "Cari ide",
    "feed.search_placeholder": "Kata kunci, mis. banjir",
    "feed.search_button": "Cari",
    "feed.category": "Kategori",
    "feed.agency": "Perangkat daerah",
    "feed.campaign": "Kampanye",
    "feed.status": "Status",
    "feed.ordering": "Urutkan",
    "feed.order_newest": "Terbaru",
    "feed.order_votes": "Suara terbanyak",
    "feed.order_trending": "Sedang tren",
    "feed.reset": "Atur ulang",
    "feed.results": "{n} ide ditemukan",
    "feed.empty": "Belum ada ide yang cocok. Coba ubah saringan, atau ajukan ide pertama Anda!",
    "feed.empty_action": "Ajukan ide",
    "feed.error": "Daftar ide tidak dapat dimuat.",
    "feed.prev": "Sebelumnya",
    "feed.next": "Berikutnya",
    "feed.page": "Halaman {page} dari {pages}",
    "feed.pagination": "Navigasi halaman",
    "feed.new_idea": "Ajukan ide baru",
    "feed.vote": "Dukung",

    "idea.title": "Ide",
    "idea.problem": "Masalah",
    "idea.solution": "Solusi",
    "idea.expected_impact": "Dampak yang diharapkan",
    "idea.details": "Rincian",
    "idea.author": "Pengusul",
    "idea.co_authors": "Pengusul bersama",
    "idea.agency": "Perangkat daerah",
    "idea.region": "Wilayah",
    "idea.category": "Kategori",
    "idea.status": "Status",
    "idea.created": "Diajukan pada",
    "idea.votes": "Suara",
    "idea.votes_unit": "suara",
    "idea.vote": "Dukung ide ini",
    "idea.voted": "Anda mendukung ide ini",
    "idea.vote_hint": "Tekan lagi untuk membatalkan dukungan.",
    "idea.vote_throttled": "Terlalu banyak dukungan dalam waktu singkat. Coba lagi dalam {n} detik.",
    "idea.not_found_heading": "Ide tidak ditemukan",
    "idea.not_found": "Ide ini tidak ada atau tidak dapat Anda lihat.",
    "idea.back": "Kembali ke beranda",
    "idea.error": "Ide tidak dapat dimuat.",
    "idea.comments": "Komentar",
    "idea.no_comments": "Belum ada komentar. Jadilah yang pertama!",
    "idea.comment_label": "Tulis komentar",
    "idea.comment_submit": "Kirim komentar",
    "idea.comment_sending": "Mengirim…",
    "idea.comment_empty": "Komentar tidak boleh kosong.",
    "idea.more_comments": "Muat komentar lainnya",
    "comment.kind.reviewer": "Umpan balik penilai",
    "comment.kind.official": "Tanggapan resmi",

    "leaderboard.title": "Peringkat",
    "leaderboard.heading": "Peringkat langsung",
    "leaderboard.intro": "Ide dengan dukungan terbanyak, diperbarui seketika setiap ada suara.",
    "leaderboard.campaign": "Kampanye",
    "leaderboard.fullscreen": "Layar penuh",
    "leaderboard.fullscreen_exit": "Keluar dari layar penuh",
    "leaderboard.caption": "Peringkat ide: {campaign}",
    "leaderboard.rank": "Peringkat",
    "leaderboard.idea": "Ide",
    "leaderboard.agency": "Perangkat daerah",
    "leaderboard.category": "Kategori",
    "leaderboard.votes": "Suara",
    "leaderboard.updated": "Diperbarui {time}",
    "leaderboard.empty": "Belum ada ide dalam peringkat kampanye ini.",
    "leaderboard.no_campaigns": "Belum ada kampanye.",
    "leaderboard.error": "Peringkat tidak dapat dimuat.",
    "leaderboard.bad_campaign": "Kampanye ini tidak ditemukan.",
    "leaderboard.wall_top": "10 besar",

    "submit.title": "Ide baru",
    "submit.heading": "Ajukan ide baru",
    "submit.intro":
      "Ceritakan masalah yang Anda lihat dan solusi yang Anda tawarkan. Kolom bertanda * wajib diisi.",
    "submit.field_title": "Judul",
    "submit.field_title_hint": "Singkat dan jelas, mis. “Sensor genangan di underpass”.",
    "submit.field_problem": "Masalah",
    "submit.field_problem_hint": "Masalah apa yang ingin diselesaikan, dan siapa yang terdampak?",
    "submit.field_solution": "Solusi",
    "submit.field_solution_hint": "Bagaimana cara kerja ide Anda?",
    "submit.field_expected_impact": "Dampak yang diharapkan",
    "submit.field_category": "Kategori",
    "submit.field_campaign": "Kampanye",
    "submit.field_region": "Wilayah",
    "submit.choose_category": "Pilih kategori",
    "submit.no_campaign": "Tanpa kampanye",
    "submit.no_region": "Seluruh Jakarta / tidak spesifik",
    "submit.field_draft": "Simpan sebagai draf",
    "submit.field_draft_hint": "Draf hanya terlihat oleh Anda dan dapat diajukan nanti.",
    "submit.submit": "Ajukan ide",
    "submit.submitting": "Mengirim…",
    "submit.errors_heading": "Periksa kembali isian berikut:",
    "submit.conflict": "Ide tidak dapat diajukan.",
    "submit.load_error": "Formulir tidak dapat dimuat.",

    "nav.reviews": "Penilaian",
    "nav.panel": "Progres panel",
    "notify.region": "Pemberitahuan",
    "notify.review_feedback": "Umpan balik panel baru untuk ide Anda.",
    "notify.review_feedback_named": "Umpan balik panel baru untuk ide Anda “{title}”.",
    "notify.view_feedback": "Lihat umpan balik",
    "notify.status_changed": "Status ide Anda kini “{status}”.",
    "notify.status_changed_named": "Ide Anda “{title}” kini berstatus “{status}”.",
    "notify.view_idea": "Lihat ide",
    "notify.comment": "Komentar baru pada ide Anda.",
    "notify.comment_named": "Komentar baru pada ide Anda “{title}”.",
    "notify.view_comment": "Lihat komentar",
    "notify.dismiss": "Tutup pemberitahuan",

    "idea.feedback_heading": "Umpan balik panel",
    "idea.feedback_intro": "Masukan dari panel penilai kampanye untuk pengusul ide ini.",
    "idea.feedback_panel": "Panel penilai",
    "idea.panel_result": "Hasil penilaian panel",
    "idea.panel_normalised": "Skor ternormalisasi",
    "idea.panel_raw_mean": "Rata-rata mentah",
    "idea.panel_agreement": "Tingkat kesepakatan",
    "idea.panel_review_count": "Jumlah penilaian",
    "idea.panel_scale": "Skala 0–100. Skor ternormalisasi meredam penilai yang terlalu murah atau terlalu pelit.",
    "idea.agreement_high": "Tinggi (sebaran {spread} poin)",
    "idea.agreement_medium": "Sedang (sebaran {spread} poin)",
    "idea.agreement_low": "Rendah (sebaran {spread} poin)",
    "idea.agreement_single": "Belum dapat diukur (baru satu penilai)",

    "reviews.title": "Penilaian",
    "reviews.heading": "Ruang kerja penilai",
    "reviews.intro": "Nilai ide yang ditugaskan kepada Anda dengan rubrik kampanye.",
    "reviews.queue": "Antrean penilaian",
    "reviews.progress": "{done} dari {total} selesai",
    "reviews.due": "Tenggat {date}",
    "reviews.overdue": "Terlambat",
    "reviews.done": "Selesai",
    "reviews.pending": "Belum dinilai",
    "reviews.empty": "Belum ada ide yang ditugaskan kepada Anda.",
    "reviews.no_access_heading": "Khusus panel penilai",
    "reviews.no_access":
      "Halaman ini untuk anggota panel penilai. Anda belum ditugaskan menilai ide mana pun.",
    "reviews.choose": "Pilih ide dari antrean untuk mulai menilai.",
    "reviews.load_error": "Antrean penilaian tidak dapat dimuat.",
    "reviews.idea_error": "Ide ini tidak dapat dimuat.",
    "reviews.blind": "Penilaian buta: identitas pengusul disembunyikan",
    "reviews.authors": "Pengusul",
    "reviews.open_idea": "Buka halaman ide",
    "reviews.rubric": "Rubrik penilaian",
    "reviews.rubric_intro": "Beri nilai untuk setiap kriteria; semua kriteria wajib dinilai.",
    "reviews.no_rubric": "Kampanye ini belum memiliki rubrik penilaian.",
    "reviews.weight": "Bobot {n}%",
    "reviews.scale": "Nilai {min} (terendah) sampai {max} (tertinggi).",
    "reviews.score": "Nilai",
    "reviews.score_missing": "Pilih nilai untuk kriteria ini.",
    "reviews.score_range": "Nilai harus antara {min} dan {max}.",
    "reviews.comment": "Umpan balik untuk pengusul",
    "reviews.comment_hint": "Diterbitkan di halaman ide dan dikirim kepada pengusul.",
    "reviews.comment_hint_blind":
      "Diterbitkan di halaman ide dan dikirim kepada pengusul, tanpa nama Anda.",
    "reviews.note": "Catatan pribadi untuk panel",
    "reviews.note_badge": "Tidak ditampilkan kepada pengusul",
    "reviews.note_hint": "Hanya Anda, panel, dan admin inovasi yang dapat membacanya.",
    "reviews.submit": "Kirim penilaian",
    "reviews.update": "Perbarui penilaian",
    "reviews.submitting": "Menyimpan…",
    "reviews.already": "Anda sudah menilai ide ini. Perubahan akan menggantikan penilaian sebelumnya.",
    "reviews.closed": "Masa penilaian kampanye ini sedang tidak dibuka; penilaian tidak dapat dikirim atau diubah.",
    "reviews.saved": "Penilaian tersimpan. Skor tertimbang Anda: {score} dari 100.",
    "reviews.next": "Ide berikutnya",
    "reviews.errors_heading": "Penilaian belum dapat disimpan:",
    "reviews.exists": "Penilaian Anda untuk ide ini sudah tersimpan sebelumnya; isian di bawah kini memuatnya.",

    "panel.title": "Progres panel",
    "panel.heading": "Progres panel penilai",
    "panel.intro": "Pantau siapa yang sudah menilai apa dalam setiap kampanye.",
    "panel.campaign": "Kampanye",
    "panel.refresh": "Perbarui",
    "panel.caption": "Progres penilai: {campaign}",
    "panel.reviewer": "Penilai",
    "panel.agency": "Perangkat daerah",
    "panel.assigned": "Ditugaskan",
    "panel.reviewed": "Selesai",
    "panel.overdue": "Terlambat",
    "panel.progress": "Progres",
    "panel.progress_label": "Progres {name}: {done} dari {total}",
    "panel.counts": "{done}/{total} selesai · {overdue} terlambat",
    "panel.totals": "{done} dari {total} penilaian selesai · {overdue} terlambat",
    "panel.show_ideas": "Tampilkan ide ({n})",
    "panel.hide_ideas": "Sembunyikan ide",
    "panel.ideas_of": "Ide yang ditugaskan kepada {name}",
    "panel.idea_done": "Selesai",
    "panel.idea_pending": "Belum",
    "panel.idea_overdue": "Terlambat",
    "panel.idea_number": "Ide #{id}",
    "panel.updated": "Diperbarui {time}",
    "panel.empty": "Belum ada penugasan penilai dalam kampanye ini.",
    "panel.no_campaigns": "Belum ada kampanye.",
    "panel.error": "Progres panel tidak dapat dimuat.",
    "panel.no_access_heading": "Tidak ada akses",
    "panel.no_access": "Halaman ini hanya untuk admin inovasi dan pimpinan.",
    "common.back_home": "Kembali ke beranda",
  },
  en: {
    "app.name": "Gagasan",
    "app.tagline": "The innovation platform of Jakarta's civil service",
    "skip.main": "Skip to main content",
    "nav.label": "Main navigation",
    "nav.feed": "Home",
    "nav.new": "New idea",
    "nav.leaderboard": "Leaderboard",
    "nav.signout": "Sign out",
    "nav.signed_in_as": "Signed in as",
    "lang.switch": "Bahasa Indonesia",
    "lang.switch_label": "Ganti bahasa antarmuka ke Bahasa Indonesia",
    "common.loading": "Loading…",
    "common.error": "Something went wrong. Please try again.",
    "common.network_error": "Cannot reach the server. Check your connection.",
    "common.retry": "Try again",
    "common.all": "All",
    "common.none": "None",
    "common.optional": "(optional)",
    "common.votes": "votes",
    "common.comments": "comments",
    "common.vote_count": "{n} votes",
    "common.vote_count#one": "{n} vote",
    "common.comment_count": "{n} comments",
    "common.comment_count#one": "{n} comment",
    "status.draft": "Draft",
    "status.submitted": "Submitted",
    "status.in_review": "In review",
    "status.shortlisted": "Shortlisted",
    "status.accepted": "Accepted",
    "status.piloting": "Piloting",
    "status.implemented": "Implemented",
    "status.rejected": "Rejected",
    "status.merged": "Merged",
    "phase.upcoming": "Upcoming",
    "phase.submission": "Submission",
    "phase.voting": "Voting",
    "phase.review": "Review",
    "phase.closed": "Closed",
    "region.kota": "Administrative city",
    "region.kabupaten": "Administrative regency",
    "region.kecamatan": "District",
    "region.kelurahan": "Sub-district",
    "region.kecamatan_named": "{name} District",
    "live.connecting": "Connecting…",
    "live.live": "Live",
    "live.reconnecting": "Reconnecting…",
    "live.paused": "Paused",
    "live.stopped": "Not live",

    "login.title": "Sign in",
    "login.heading": "Sign in to Gagasan",
    "login.intro": "Use your civil-service account to post and support innovation ideas for Jakarta.",
    "login.username": "Username",
    "login.password": "Password",
    "login.submit": "Sign in",
    "login.submitting": "Signing in…",
    "login.failed": "Wrong username or password.",

    "feed.title": "Home",
    "feed.heading": "Innovation ideas",
    "feed.intro": "Find, support and discuss civil servants' ideas for Jakarta's problems.",
    "feed.filters": "Filter ideas",
    "feed.search": "Search ideas",
    "feed.search_placeholder": "Keywords, e.g. flood",
    "feed.search_button": "Search",
    "feed.category": "Category",
    "feed.agency": "Agency",
    "feed.campaign": "Campaign",
    "feed.status": "Status",
    "feed.ordering": "Sort by",
    "feed.order_newest": "Newest",
    "feed.order_votes": "Most votes",
    "feed.order_trending": "Trending",
    "feed.reset": "Reset",
    "feed.results": "{n} ideas found",
    "feed.empty": "No ideas match yet. Try other filters, or post the first idea!",
    "feed.empty_action": "Post an idea",
    "feed.error": "The ideas could not be loaded.",
    "feed.prev": "Previous",
    "feed.next": "Next",
    "feed.page": "Page {page} of {pages}",
    "feed.pagination": "Pages",
    "feed.new_idea": "Post a new idea",
    "feed.vote": "Support",

    "idea.title": "Idea",
    "idea.problem": "Problem",
    "idea.solution": "Solution",
    "idea.expected_impact": "Expected impact",
    "idea.details": "Details",
    "idea.author": "Author",
    "idea.co_authors": "Co-authors",
    "idea.agency": "Agency",
    "idea.region": "Region",
    "idea.category": "Category",
    "idea.status": "Status",
    "idea.created": "Submitted on",
    "idea.votes": "Votes",
    "idea.votes_unit": "votes",
    "idea.votes_unit#one": "vote",
    "idea.vote": "Support this idea",
    "idea.voted": "You support this idea",
    "idea.vote_hint": "Press again to withdraw your vote.",
    "idea.vote_throttled": "Too many votes in a short time. Try again in {n} seconds.",
    "idea.vote_throttled#one": "Too many votes in a short time. Try again in {n} second.",
    "idea.not_found_heading": "Idea not found",
    "idea.not_found": "This idea does not exist or you may not see it.",
    "idea.back": "Back to home",
    "idea.error": "The idea could not be loaded.",
    "idea.comments": "Comments",
    "idea.no_comments": "No comments yet. Be the first!",
    "idea.comment_label": "Write a comment",
    "idea.comment_submit": "Post comment",
    "idea.comment_sending": "Posting…",
    "idea.comment_empty": "A comment cannot be empty.",
    "idea.more_comments": "Load more comments",
    "comment.kind.reviewer": "Reviewer feedback",
    "comment.kind.official": "Official response",

    "leaderboard.title": "Leaderboard",
    "leaderboard.heading": "Live leaderboard",
    "leaderboard.intro": "The ideas with the most support, updated the moment votes come in.",
    "leaderboard.campaign": "Campaign",
    "leaderboard.fullscreen": "Full screen",
    "leaderboard.fullscreen_exit": "Exit full screen",
    "leaderboard.caption": "Idea ranking: {campaign}",
    "leaderboard.rank": "Rank",
    "leaderboard.idea": "Idea",
    "leaderboard.agency": "Agency",
    "leaderboard.category": "Category",
    "leaderboard.votes": "Votes",
    "leaderboard.updated": "Updated {time}",
    "leaderboard.empty": "No ideas are ranked in this campaign yet.",
    "leaderboard.no_campaigns": "There are no campaigns yet.",
    "leaderboard.error": "The leaderboard could not be loaded.",
    "leaderboard.bad_campaign": "This campaign was not found.",
    "leaderboard.wall_top": "Top 10",

    "submit.title": "New idea",
    "submit.heading": "Post a new idea",
    "submit.intro":
      "Describe the problem you see and the solution you propose. Fields marked * are required.",
    "submit.field_title": "Title",
    "submit.field_title_hint": "Short and clear, e.g. “Flood sensors in underpasses”.",
    "submit.field_problem": "Problem",
    "submit.field_problem_hint": "What problem should be solved, and who is affected?",
    "submit.field_solution": "Solution",
    "submit.field_solution_hint": "How does your idea work?",
    "submit.field_expected_impact": "Expected impact",
    "submit.field_category": "Category",
    "submit.field_campaign": "Campaign",
    "submit.field_region": "Region",
    "submit.choose_category": "Choose a category",
    "submit.no_campaign": "No campaign",
    "submit.no_region": "All of Jakarta / not specific",
    "submit.field_draft": "Save as draft",
    "submit.field_draft_hint": "Only you can see a draft; you can submit it later.",
    "submit.submit": "Submit idea",
    "submit.submitting": "Submitting…",
    "submit.errors_heading": "Please check the following:",
    "submit.conflict": "The idea could not be submitted.",
    "submit.load_error": "The form could not be loaded.",

    "nav.reviews": "Reviews",
    "nav.panel": "Panel progress",
    "notify.region": "Notifications",
    "notify.review_feedback": "New panel feedback on your idea.",
    "notify.review_feedback_named": "New panel feedback on your idea “{title}”.",
    "notify.view_feedback": "View feedback",
    "notify.status_changed": "Your idea is now “{status}”.",
    "notify.status_changed_named": "Your idea “{title}” is now “{status}”.",
    "notify.view_idea": "View idea",
    "notify.comment": "New comment on your idea.",
    "notify.comment_named": "New comment on your idea “{title}”.",
    "notify.view_comment": "View comment",
    "notify.dismiss": "Dismiss notification",

    "idea.feedback_heading": "Panel feedback",
    "idea.feedback_intro": "Comments from the campaign's review panel for the authors of this idea.",
    "idea.feedback_panel": "Review panel",
    "idea.panel_result": "Panel result",
    "idea.panel_normalised": "Normalised score",
    "idea.panel_raw_mean": "Raw mean",
    "idea.panel_agreement": "Agreement",
    "idea.panel_review_count": "Reviews",
    "idea.panel_scale": "On a 0–100 scale. The normalised score evens out lenient and harsh reviewers.",
    "idea.agreement_high": "High (spread {spread} points)",
    "idea.agreement_medium": "Medium (spread {spread} points)",
    "idea.agreement_low": "Low (spread {spread} points)",
    "idea.agreement_single": "Not measurable yet (one reviewer)",

    "reviews.title": "Reviews",
    "reviews.heading": "Reviewer workspace",
    "reviews.intro": "Score the ideas assigned to you with the campaign's rubric.",
    "reviews.queue": "Review queue",
    "reviews.progress": "{done} of {total} done",
    "reviews.due": "Due {date}",
    "reviews.overdue": "Overdue",
    "reviews.done": "Done",
    "reviews.pending": "Not reviewed",
    "reviews.empty": "No ideas are assigned to you yet.",
    "reviews.no_access_heading": "For review panels only",
    "reviews.no_access": "This page is for members of a review panel. No ideas are assigned to you.",
    "reviews.choose": "Choose an idea from the queue to start reviewing.",
    "reviews.load_error": "The review queue could not be loaded.",
    "reviews.idea_error": "This idea could not be loaded.",
    "reviews.blind": "Blind review: the authors' identity is hidden",
    "reviews.authors": "Authors",
    "reviews.open_idea": "Open the idea page",
    "reviews.rubric": "Scoring rubric",
    "reviews.rubric_intro": "Score every criterion; all criteria are required.",
    "reviews.no_rubric": "This campaign has no scoring rubric yet.",
    "reviews.weight": "Weight {n}%",
    "reviews.scale": "From {min} (lowest) to {max} (highest).",
    "reviews.score": "Score",
    "reviews.score_missing": "Choose a score for this criterion.",
    "reviews.score_range": "The score must be between {min} and {max}.",
    "reviews.comment": "Feedback for the authors",
    "reviews.comment_hint": "Published on the idea's page and sent to the authors.",
    "reviews.comment_hint_blind":
      "Published on the idea's page and sent to the authors, without your name.",
    "reviews.note": "Private note for the panel",
    "reviews.note_badge": "Not shown to the authors",
    "reviews.note_hint": "Only you, the panel and the innovation admins can read it.",
    "reviews.submit": "Submit review",
    "reviews.update": "Update review",
    "reviews.submitting": "Saving…",
    "reviews.already": "You have reviewed this idea. Changes replace your earlier review.",
    "reviews.closed": "This campaign's review phase is not open; reviews cannot be submitted or changed.",
    "reviews.saved": "Review saved. Your weighted score: {score} of 100.",
    "reviews.next": "Next idea",
    "reviews.errors_heading": "The review could not be saved:",
    "reviews.exists": "Your review of this idea was already saved; the form below now shows it.",

    "panel.title": "Panel progress",
    "panel.heading": "Review panel progress",
    "panel.intro": "See who has reviewed what in each campaign.",
    "panel.campaign": "Campaign",
    "panel.refresh": "Refresh",
    "panel.caption": "Reviewer progress: {campaign}",
    "panel.reviewer": "Reviewer",
    "panel.agency": "Agency",
    "panel.assigned": "Assigned",
    "panel.reviewed": "Done",
    "panel.overdue": "Overdue",
    "panel.progress": "Progress",
    "panel.progress_label": "Progress of {name}: {done} of {total}",
    "panel.counts": "{done}/{total} done · {overdue} overdue",
    "panel.totals": "{done} of {total} reviews done · {overdue} overdue",
    "panel.show_ideas": "Show ideas ({n})",
    "panel.hide_ideas": "Hide ideas",
    "panel.ideas_of": "Ideas assigned to {name}",
    "panel.idea_done": "Done",
    "panel.idea_pending": "Pending",
    "panel.idea_overdue": "Overdue",
    "panel.idea_number": "Idea #{id}",
    "panel.updated": "Updated {time}",
    "panel.empty": "No reviewers are assigned in this campaign yet.",
    "panel.no_campaigns": "There are no campaigns yet.",
    "panel.error": "The panel's progress could not be loaded.",
    "panel.no_access_heading": "No access",
    "panel.no_access": "This page is for innovation admins and leadership only.",
    "common.back_home": "Back to home",
  },
};

function readCookie(name) {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

function readStored() {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage may be disabled (private mode, policies)
  }
}

let current = (() => {
  const chosen = readStored() || readCookie(COOKIE_NAME);
  return LANGUAGES.includes(chosen) ? chosen : "id";
})();

function persist(lang) {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // the cookie below still carries the choice
  }
  document.cookie = `${COOKIE_NAME}=${lang}; path=/; max-age=31536000; SameSite=Lax`;
}

export function getLanguage() {
  return current;
}

/** The BCP 47 locale for Intl formatting in the current language. */
export function getLocale() {
  return current === "en" ? "en-GB" : "id-ID";
}

/** Translate `key`, replacing `{name}` placeholders from `params`. With a number `n`, a
 * `key#one` form is used where the language says so ("1 vote", but "1 suara"). */
export function t(key, params = {}) {
  const table = STRINGS[current] || STRINGS.id;
  if (typeof params.n === "number") {
    const form = new Intl.PluralRules(current).select(params.n);
    if (form !== "other" && table[`${key}#${form}`]) key = `${key}#${form}`;
  }
  let text = table[key] ?? STRINGS.id[key] ?? key;
  for (const [name, value] of Object.entries(params)) {
    text = text.replaceAll(`{${name}}`, String(value));
  }
  return text;
}

/** Fill every element marked with data-i18n (text), data-i18n-placeholder,
 * data-i18n-aria-label or data-i18n-title under `root`. */
export function translatePage(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) {
    el.setAttribute("placeholder", t(el.dataset.i18nPlaceholder));
  }
  for (const el of root.querySelectorAll("[data-i18n-aria-label]")) {
    el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel));
  }
  for (const el of root.querySelectorAll("[data-i18n-title]")) {
    el.setAttribute("title", t(el.dataset.i18nTitle));
  }
  const titleKey = document.body?.dataset.titleKey;
  if (titleKey) document.title = `${t(titleKey)} · ${t("app.name")}`;
}

/** Switch the interface language; pages listen for `gagasan:langchange` to re-render
 * what they built from data (and to refetch names the server translates). */
export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) return;
  current = lang;
  persist(lang);
  translatePage();
  document.dispatchEvent(new CustomEvent("gagasan:langchange", { detail: { lang } }));
}

export function toggleLanguage() {
  setLanguage(current === "id" ? "en" : "id");
}

// Keep the cookie in step with the stored choice so the server's first answer already follows it.
if (readCookie(COOKIE_NAME) !== current) persist(current);
document.documentElement.lang = current;
