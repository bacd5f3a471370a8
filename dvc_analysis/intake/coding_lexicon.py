"""Word lists of the rule coder: core phrases per barrier and lever code, list cues, negators.

Patterns are Vietnamese phrases written with marks (they are folded before matching, so text typed
without marks matches too) and may use regular-expression syntax. Each entry of `BARRIERS` and `LEVERS` (and of
`coding_phrases.PHRASE_FAMILIES`, the barrier paraphrases gathered round by round) is
(code, kind, mode, default, patterns): mode "marked" phrases carry their own polarity, "topic"
words are read through the cues of their clause (see `coding`); `default` is the kind a topic
word takes when its clause has no cue.
"""

from __future__ import annotations

# Words after which a barrier phrase is denied: an achievement ("không còn phức tạp").
NEGATORS = ("không ngại", "chẳng ngại", "không còn", "chẳng còn", "đã hết", "không quá", "không hề", "đã khắc phục",
            "đã được khắc phục", "không có gì", "giảm bớt", "giảm thiểu",
            "không xảy ra", "chưa xảy ra", "không gặp", "không bị", "giảm", "không để",
            "không yêu cầu", "không còn xảy ra", "tuyệt đối không", "không phải mất",
            "xử lý kịp thời", "kịp thời xử lý", "kịp thời khắc phục")

# Words that open a list of problems ("khó khăn như: …", "bất cập về …").
LIST_CUES = ("vấn đề", "thách thức", "hạn chế", "khó khăn", "tồn tại", "vướng mắc", "bất cập", "nguyên nhân",
             "điểm nghẽn", "rào cản", "trở ngại", "yếu kém", "khoảng cách(?: số)?", "khó khăn, vướng mắc", "hạn chế, bất cập")

# "truyền thông" (communication) and "truyền thống" (traditional) fold to the same letters:
# count communication only in unambiguous phrases, never in a ministry's or association's name.
COMMS = r"(?:công tác|hoạt động|chiến dịch|đẩy mạnh|tăng cường|trong|về|tổ chức) truyền thông"

STAFF = r"(?:cán bộ|công chức|viên chức|đội ngũ|nhân viên|chuyên viên)"
PEOPLE = r"(?:người dân|công dân|bà con|dân|người dùng|người sử dụng|doanh nghiệp|họ|bà|ông|anh|chị)"
ONLINE = r"(?:trực tuyến|qua mạng|trên mạng|qua cổng|online)"

BARRIERS: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    # ---------------------------------------------------------------- B01 access, infrastructure
    ("B01", "barrier", "topic", "", (
        r"hạ tầng(?: (?:kỹ thuật|công nghệ(?: thông tin)?|số|mạng|viễn thông|cntt))?(?! giao thông)",
        r"internet", r"mạng (?:internet|viễn thông|di động)", r"đường truyền", r"sóng (?:điện thoại|di động|internet|viễn thông|[345]g)",
        r"(?<!sử dụng )(?<!dùng )(?:trang )?thiết bị", r"máy tính", r"điện thoại thông minh", r"máy (?:quét|scan)", r"điện lưới",
        r"cáp quang", r"băng rộng", r"kết nối mạng", r"máy móc",
        r"smartphone", r"sim chính chủ", r"cơ sở vật chất", r"nguồn lực(?: đầu tư)?", r"kinh phí", r"ngân sách", r"điều kiện tiếp cận", r"sóng (?:điện thoại|di động)", r"điện lưới",
    )),
    ("B01", "barrier", "marked", "", (
        r"(?:máy (?:tính|scan|quét|in)|máy móc|thiết bị)[^.;]{0,30}(?:hư hỏng|không hoạt động|hỏng)", r"(?:nhà )?không có máy in", r"(?:khó khăn|vướng mắc)[^.;]{0,40}cơ sở vật chất", r"leo (?:lên )?[^.;]{0,20}(?:bắt|tìm) sóng",
        r"(?:chưa|không) có (?:internet|sóng|mạng|điện|máy tính|điện thoại|thiết bị)",
        r"thiếu (?:phương tiện|thiết bị|máy|trang thiết bị|điện thoại|máy tính)",
        r"(?:rớt|mất|chập chờn) (?:mạng|sóng|kết nối(?! với))", r"mạng (?:yếu|chập chờn|chậm)", r"nghẽn mạng", r"mạng (?:bị )?nghẽn", r"sóng yếu",
        r"khó tiếp cận (?:internet|mạng|công nghệ)", r"chưa đầu tư(?:, sử dụng)? (?:các )?phần mềm",
        r"vùng lõm sóng", r"(?:trắng|mất|không có) sóng",
        r"(?:không|chưa) có (?:sóng|điện(?! thoại)|mạng)", r"mất điện(?! thoại)", r"(?:đường truyền|mạng|kết nối|internet)[^.;]{0,20}không ổn định",
        r"(?:thiết bị|máy tính|máy móc|hạ tầng)[^.;]{0,25}(?:lạc hậu|xuống cấp|cũ kỹ|cấu hình thấp)",
        r"(?:chỉ|rất ít|ít) (?:người|hộ|gia đình)[^.;]{0,40}(?:có|sở hữu|dùng) (?:điện thoại thông minh|máy tính|smartphone|internet)",
        r"chưa (?:có|sở hữu|dùng) (?:điện thoại thông minh|smartphone|máy tính)",
        r"không (?:dùng|có) điện thoại", r"(?:chỉ )?dùng điện thoại (?:mạng )?2g", r"ít có điều kiện tiếp cận",
        r"(?:chưa|không) (?:được )?(?:bố trí|phân bổ|cấp) kinh phí", r"chỉ có (?:\d+|một|hai|ba) máy tính",
        r"(?:có|sở hữu|dùng) (?:điện thoại thông minh|máy tính|smartphone|internet)[^.;]{0,40}(?:mới|chỉ|còn thấp|thấp)",
        # … unless it is what a measure narrows ("thu hẹp khoảng cách số")
        r"(?<!thu hẹp )(?<!rút ngắn )(?<!xóa )(?<!xoá )(?<!xóa bỏ )khoảng cách số",
        r"khoảng cách (?:giữa các nhóm|về (?:tiếp cận|công nghệ))",
    )),
    # ---------------------------------------------------------------- B02 digital skills
    ("B02", "barrier", "topic", "", (
        r"kỹ năng(?: số| công nghệ| sử dụng)?(?! (?:số )?(?:của|cho) " + STAFF + ")",
        r"trình độ (?:công nghệ|tin học|sử dụng)", r"năng lực tiếp cận(?: dịch vụ công số| công nghệ)?",
        r"hiểu biết (?:về )?công nghệ", r"sử dụng (?:công nghệ|máy tính|internet|ứng dụng)",
        r"dân trí", r"trình độ (?:dân trí|học vấn|công nghệ thông tin)", r"kiến thức (?:về )?(?:công nghệ|tin học)",
    )),
    ("B02", "barrier", "marked", "", (
        r"(?:không|đâu|chẳng) biết (?:đánh chữ|gõ chữ|thao tác|quy trình|cách (?:làm|nộp|đăng nhập|sử dụng))",
        r"(?:không|chưa) biết (?:cách|làm sao|làm thế nào|sử dụng|dùng|thao tác|gì về|tải|cài|khai thác)",
        r"không biết chữ", r"mù (?:công nghệ|chữ)", r"“mù” công nghệ", r"(?:chưa|không) (?:rành|thạo|thành thạo)",
        r"không phải ai cũng (?:thành thạo|biết|rành|sử dụng được)", PEOPLE + r"[^.;]{0,30}lúng túng", r"(?:người cao tuổi|cụ|cụ ông|cụ bà)[^.;]{0,30}lúng túng", r"lúng túng khi (?:thao tác|sử dụng|kê khai|khai|nộp|đăng)",
        r"(?:chỉ )?(?:dùng|sử dụng) điện thoại (?:chỉ )?(?:để )?nghe,? gọi",
        r"hạn chế về (?:kỹ năng|công nghệ|trình độ)", r"công nghệ (?:kém|hạn chế)",
        r"thiếu kỹ năng", r"bỡ ngỡ", r"chưa thuần thục", r"mù tịt", r"bó tay", r"chưa biết bắt đầu", r"(?:không|chưa) quen (?:với )?(?:việc )?(?:thao tác|công nghệ|máy tính|điện thoại thông minh)",
        r"không (?:thể )?(?:tự )?thực hiện (?:được )?(?:các )?thao tác", r"chưa (?:bao giờ|từng) (?:sử dụng|dùng)",
        r"không (?:nói|đọc|biết)(?: được)? tiếng (?:kinh|việt|phổ thông)", r"rào cản (?:về )?ngôn ngữ",
        r"chưa (?:nắm|hiểu) (?:rõ |được |vững )?(?:cách|quy trình|thao tác|các bước)", r"không tự (?:thực hiện|thao tác|làm|nộp|khai)",
        r"(?:phải )?nhờ (?:người|con|cháu|người thân)[^.;]{0,30}(?:làm|nộp|khai|thao tác|giúp)",
        # … unless the trouble is getting to the office, which online filing spares them
        r"(?:người )?(?:cao|lớn) tuổi[^.;]{0,70}(?:không biết|chưa biết|khó|ngại|hạn chế|gặp (?:nhiều |không ít )?khó khăn)"
        r"(?![^.;]{0,30}(?:đi lại|di chuyển|(?:tới|đến) (?:trung tâm|trụ sở|bộ phận)))",
        r"(?:nguy cơ )?bị bỏ lại(?: phía sau| rất xa)?",
        r"(?:trình độ|hiểu biết)[^.;]{0,25}(?:còn )?(?:hạn chế|thấp|không đồng đều)",
        r"(?:người (?:lớn|cao) tuổi|người già|tuổi già|ngoài \d+ tuổi|lớn tuổi)[^.;]{0,60}(?:chậm hơn|lần đầu làm quen|ít tiếp cận|quên)",
        r"(?:gặp (?:một số |nhiều |không ít )?khó khăn|hạn chế)[^.;]{0,10}(?:đối với|với) (?:người )?(?:lớn tuổi|cao tuổi|ngoài \d+ tuổi)",
        r"(?:đối với|với) (?:người )?(?:lớn tuổi|cao tuổi|ngoài \d+ tuổi)[^.;]{0,40}(?:gặp (?:một số |nhiều |không ít )?khó khăn|hạn chế)",
        r"(?:chưa|không) có (?:kiến thức|kỹ năng|hiểu biết) (?:về )?(?:cntt|công nghệ|tin học|chuyển đổi số|số)",
        r"lần đầu (?:làm quen|sử dụng|dùng) (?:với )?(?:điện thoại thông minh|máy tính|smartphone|ứng dụng)",
        r"chưa (?:kịp )?kích hoạt tài khoản", r"ít (?:được )?tiếp cận (?:với )?(?:công nghệ|internet|điện thoại thông minh)",
        r"gặp (?:không ít |nhiều )?khó khăn (?:với|khi (?:dùng|sử dụng)) (?:điện thoại thông minh|internet|máy tính|công nghệ)",
        r"khó khăn khi tiếp cận (?:với )?công nghệ",
    )),
    # ---------------------------------------------------------------- B03 awareness, habit
    ("B03", "barrier", "topic", "", (
        r"tuyên truyền", COMMS, r"nhận thức", r"thói quen", r"tập quán", r"tâm lý",
    )),
    ("B03", "barrier", "marked", "", (
        r"(?:chọn|vẫn) (?:làm|nộp)[^.;]{0,60}trực tiếp[^.;]{0,40}(?:chứ không|thay vì|không nộp)", r"(?:nộp|làm|đến)[^.;]{0,60}(?:cho|mới) (?:chắc ăn|yên tâm)", r"cho [“\"]?chắc ăn",
        r"lạ lẫm", r"(?<!không còn )xa lạ", r"(?:theo |cách (?:làm )?)truyền thống",
        r"chưa (?:thực sự )?(?:biết|nghe|quen|mặn mà|quan tâm|thích|hiểu)(?! (?:cách|làm sao|sử dụng|dùng|thao tác|gì))",
        r"không biết (?:thông tin|đến|về (?:dịch vụ|cổng))", r"ít (?:quan tâm|người biết)", r"không mặn mà",
        r"(?:vẫn |chủ yếu |thường )?(?:chọn|quen|thích|chuộng|ưa)(?: phương thức)? (?:nộp |làm |đến |đi )?(?:hồ sơ )?trực tiếp",
        r"(?:vẫn|chủ yếu)(?: vẫn)? (?:nộp|làm|đến)(?: hồ sơ)? trực tiếp", r"theo thói quen",
        r"(?:ra|lên)(?: tận)? (?:huyện|xã|ubnd[^.;,]{0,12}|phường|bộ phận một cửa) (?:để )?(?:làm|nộp)",
        r"ngại (?:sử dụng|thay đổi|nộp|làm)", r"quen (?:nộp|làm|đến) trực tiếp",
        r"quen (?:đến|ra|mang hồ sơ đến|nộp (?:hồ sơ )?tại) (?:bộ phận một cửa|ubnd|trụ sở|quầy)",
        r"người dân[^.;]{0,25} biết[^.;]{0,45}(?:còn )?thấp",
        r"(?:muốn|thích|tin) (?:được )?(?:gặp|đến|làm việc) trực tiếp", r"chưa (?:hình thành|tạo) (?:được )?thói quen",
        r"chưa thấy (?:được )?(?:lợi ích|tiện ích|sự tiện lợi)", r"thờ ơ", r"(?:chưa|không) (?:chủ động|hứng thú)",
        r"tâm lý (?:e ngại|ngại|lo lắng|sợ|chưa tin)", r"(?:vẫn |còn )?giữ thói quen", r"trực tiếp thay vì (?:giao dịch |nộp |làm )?(?:trực tuyến|qua mạng)",
        r"(?:nắm|hiểu) (?:biết )?chưa đầy đủ", r"không (?:muốn|có nhu cầu) (?:cập nhật|sử dụng|dùng|cài|làm|nộp)", r"thói quen (?:nộp|làm|đến|mang)[^.;]{0,30}trực tiếp", r"(?:ngại|e ngại) (?:thay đổi|tiếp cận)",
        r"(?:chưa|không) nắm (?:được )?(?:thông tin|rõ thông tin)",
        r"vẫn (?:đổ xô|kéo đến|tìm đến|vượt[^.;]{0,30}đến)", r"nộp (?:hồ sơ )?trực tiếp,? thay vì",
        r"vẫn (?:đón|tiếp) (?:hàng trăm|hàng nghìn|hàng ngàn|rất nhiều|đông)[^.;]{0,30}(?:người|lượt)",
    )),
    # ---------------------------------------------------------------- B04 trust, privacy
    ("B04", "barrier", "topic>", "", (
        r"bảo mật", r"an toàn thông tin", r"an ninh mạng", r"dữ liệu cá nhân", r"thông tin cá nhân",
        r"quyền riêng tư",
    )),
    ("B04", "barrier", "topic>", "", (r"niềm tin", r"sự tin tưởng", r"độ an toàn",)),
    ("B04", "barrier", "marked", "", (
        r"(?<!đại )lộ,? (?:thông tin|dữ liệu|lọt)", r"giả danh", r"mạo danh", r"giả mạo", r"chiêu trò", r"kẻ gian",
        r"(?:thủ đoạn|đối tượng) (?:lừa|xấu|lợi dụng)", r"chiếm đoạt", r"(?:cuộc gọi|số điện thoại) (?:từ (?:một )?số )?lạ",
        r"bảo vệ dữ liệu cá nhân[^.;]{0,60}(?:hạn chế|chưa)", r"sợ[^.;]{0,20}(?:trục trặc|thất lạc|bị sai|không được)", r"chưa (?:cảm thấy )?(?:thực sự )?yên tâm",
        r"(?:lo ngại|e ngại)[^.;]{0,40}(?:cung cấp|cập nhật|khai|đưa) (?:dữ liệu|thông tin)", r"cho chắc ăn", r"(?:mất|bào mòn|suy giảm|giảm) niềm tin", r"rò rỉ", r"lừa đảo", r"sợ (?:mất(?! thời gian| công| nhiều thời gian)|lộ|bị|lừa)",
        r"(?:chưa|không|thiếu)(?: được)? (?:tin tưởng|niềm tin)", r"e dè", r"(?:lo ngại|lo lắng|e ngại) (?:về )?(?:bảo mật|an toàn|lộ|mất|thông tin|dữ liệu)",
        r"(?:thông tin|dữ liệu)(?: cá nhân)? (?:bị )?(?:lộ|rò rỉ|đánh cắp|lợi dụng)",
        r"tự xưng (?:là )?(?:cán bộ|công an|nhân viên)", r"chưa (?:công bố|có) chính sách[^.;]{0,20}(?:quyền riêng tư|bảo mật|bảo vệ dữ liệu)",
        r"[“\"]cò[”\"]",
    )),
    # ---------------------------------------------------------------- B05 usability, design
    ("B05", "barrier", "topic", "", (
        r"giao diện", r"tờ khai(?: điện tử)?", r"biểu mẫu", r"tiện ích", r"tính tiện ích",
        r"tốc độ truy cập",
        r"đăng nhập", r"xác thực",
    )),
    ("B05", "barrier", "marked", "", (
        r"(?:xoay vòng|loading)", r"khó khăn hơn so với",
        r"khó (?:sử dụng|dùng|thao tác|hiểu)", r"gặp khó khi", r"(?:báo|bị|gặp|do) lỗi", r"lỗi (?:hệ thống|mạng|kỹ thuật|phần mềm)",
        r"(?:hay|thường xuyên) (?:bị )?lỗi", r"sự cố(?: kỹ thuật)?", r"gián đoạn (?:trong )?truy cập", r"đình trệ",
        r"(?:truy cập|tải|xử lý)(?: bị)? chậm", r"không (?:đăng nhập|nộp|gửi|tải|lưu) được", r"chưa lưu",
        r"không thể (?:làm|nộp|gửi|hoàn thành) được", r"bỏ cuộc", r"đành (?:thôi|bỏ|quay về)", r"mày mò",
        r"đánh vật", r"gánh nặng", r"phiền (?:hơn|hà hơn)", r"rườm rà", r"nhiều bước",
        r"(?:thao tác|giao diện|tờ khai|cách (?:làm|nộp|khai))[^.;]{0,25}phức tạp", r"phức tạp như trước",
        r"lặp đi lặp lại", r"sơ sài",
        r"(?:chỉ )?chấp nhận (?:một|1|duy nhất một) (?:định dạng|loại tệp)", r"không có tệp đính kèm",
        r"chưa phân quyền", r"tờ khai điện tử chưa đồng bộ",
        r"không đồng nghĩa với việc[^.;]{0,40}dễ dàng sử dụng",
        r"(?:chỉ|duy nhất)[^.;]{0,15}(?:nhận|chấp nhận)[^.;]{0,30}(?:định dạng|file|tệp|pdf)", r"duy nhất (?:định dạng )?pdf", r"(?:chỉ|không) cho phép[^.;]{0,30}(?:tệp|file|định dạng|dung lượng)",
        r"dung lượng(?: tệp| file)?[^.;]{0,50}(?:nhỏ|hạn chế|tối đa|không quá)", r"(?:chưa|không) đúng (?:định dạng|chuẩn|quy cách|mẫu)",
        r"(?:thao tác|các bước|cách (?:làm|nộp|khai|đăng nhập))[^.;]{0,30}(?:phức tạp|rắc rối|rườm rà|khó hiểu)",
        r"chưa (?:thân thiện|tiện lợi|thuận tiện)", r"không thân thiện",
        r"(?:hệ thống|phần mềm|cổng|ứng dụng|trang)[^.;]{0,25}(?:treo|đơ|chập chờn|quá tải|báo lỗi|gặp sự cố|nghẽn)",
        r"(?:tình trạng )?(?:tắc,? )?(?<!điểm )nghẽn", r"(?:sự |những |có )?bất tiện", r"than phiền[^.;]{0,30}lỗi",
        r"thêm (?:một )?(?:công đoạn|bước)", r"khai lại rồi", r"quên mật khẩu", r"chậm chạp", r"không (?:cách nào|thể) vào được", r"xóa hồ sơ cũ", r"(?:vẫn )?chưa (?:được )?cấp số",
        r"quá tải (?:do )?(?:lượng )?truy cập", r"(?:hệ thống|cổng|trang)[^.;]{0,30}quá tải", r"hoạt động chưa ổn định",
        r"khó[”\"]? khi (?:tìm|tra cứu|thao tác|sử dụng|đăng nhập|nộp)", r"ngưng trệ", r"ùn tắc(?! giao thông)", r"báo lỗi", r"bị trả (?:lại|về)",
        r"không (?:thể )?tải (?:được )?(?:ảnh|tệp|file|hồ sơ|lên)", r"lên bờ xuống ruộng", r"chưa (?:thực sự )?thông suốt",
        r"(?:hệ thống|cổng)[^.;]{0,80}(?:chỉ )?đạt (?:chất lượng )?mức [c-e]",
        r"chất lượng (?:dịch vụ công trực tuyến|dvctt|hệ thống|cổng)[^.;]{0,90}(?:còn )?(?:thấp|hạn chế|chưa đạt)",
        r"(?:đăng tải|công khai|thông tin)[^.;]{0,40}(?:chưa đầy đủ|thiếu chính xác|không (?:được )?đầy đủ|sai các)",
        r"(?:chưa|không) đáp ứng (?:được )?yêu cầu kỹ thuật", r"(?:gặp |bị )?trục trặc", r"không (?:vào|truy cập) được (?:cổng|hệ thống|trang)",
        r"(?:đăng nhập|xác thực|định danh)[^.;]{0,80}(?:khó|lỗi|không được|thất bại|gặp khó|không thành công)",
        r"phải (?:nhập|khai)(?: lại)? (?:nhiều lần|lại từ đầu|thông tin nhiều lần)", r"phải làm lại",
        r"không nhớ mật khẩu", r"(?:phải|không thể|không|chưa)[^.;]{0,15}(?:lấy lại|khôi phục|cấp lại) mật khẩu", r"(?:kết nối|đăng nhập|xác thực|truy cập)[^.;]{0,30}thất bại",
        r"(?:hệ thống|ứng dụng|phần mềm|cổng|trang)[^.;]{0,30}(?:đang bảo trì|không phản hồi|không hiển thị|chưa ổn định|không ổn định)",
        r"(?:chưa|không) (?:thấy )?(?:hiện|hiển thị)(?: thông tin| kết quả| điểm)?", r"(?:vẫn )?(?:cần|phải) (?:được )?hoàn thiện hơn",
        r"đang trong quá trình hoàn thiện", r"(?:phần mềm|hệ thống|ứng dụng)[^.;]{0,60}thiếu tính năng",
        r"không (?:thể )?(?:đăng ký|tạo|kích hoạt) (?:được )?tài khoản", r"chưa (?:thể )?chạy được", r"kẹt hệ thống",
        r"quá tải (?:hệ thống|cổng|trang|ứng dụng)", r"vượt quá khả năng (?:xử lý|đáp ứng)",
        r"không (?:địa phương|tỉnh|bộ|hệ thống) nào[^.;]{0,80}đạt mức", r"(?:mức độ đáp ứng|chất lượng)[^.;]{0,80}(?:chỉ )?ở mức (?:trung bình|thấp|yếu|kém)",
        r"chưa (?:được )?tái cấu trúc quy trình",
        r"lỗi[^.;]{0,30}chức năng", r"phiền phức",
        r"(?:hướng dẫn|tài liệu)[^.;]{0,60}(?:dài dòng|khó theo dõi|khó hiểu)",
        r"khó khăn (?:trong|khi) (?:việc )?(?:nộp|đăng ký|thực hiện)[^.;]{0,25}(?:trực tuyến|qua mạng|online)",
    )),
    # ---------------------------------------------------------------- B06 paper duplication
    ("B05", "barrier", "topic>", "", (
        r"phần mềm(?: một cửa| điện tử)?", r"hệ thống (?:thông tin|một cửa|phần mềm|giải quyết)[^.;,]{0,40}",
        r"cổng dịch vụ công(?: quốc gia| của tỉnh| tỉnh)?", r"(?<!sử dụng )(?<!dùng )(?<!và )(?<!công tác )ứng dụng(?! (?:công nghệ|cntt|khoa học))", r"định danh(?: điện tử)?(?: mức (?:độ )?2)?",
        r"chức năng", r"tính năng",
    )),
    ("B06", "barrier", "topic", "", (
        r"bản giấy", r"hồ sơ giấy", r"văn bản giấy", r"bản chính", r"khai giấy", r"trên giấy",
        r"hồ sơ gốc", r"giấy tờ gốc", r"bản cứng", r"bản photo(?:copy)?", r"bản sao giấy",
    )),
    ("B06", "barrier", "marked", "", (
        r"(?:viết|ghi) (?:biên lai|phiếu)[^.;]{0,20}(?:bằng )?(?:giấy|tay)", r"(?:thực hiện|làm|xử lý) thủ công", r"(?:bổ sung|nộp) (?:bản )?giấy tờ qua bưu (?:điện|chính)", r"vẫn yêu cầu[^.;]{0,40}(?:photo|sao y|bản sao)",
        r"(?:vẫn|còn|lại) (?:phải|yêu cầu|bắt(?! đầu))[^.;]{0,80}(?:bản giấy|giấy(?! (?:khai sinh|chứng nhận|phép|khám))|bản chính|in ra|ký tay|mang|photo)",
        r"phụ thuộc (?:nhiều )?vào (?:văn bản |hồ sơ |giấy tờ )?giấy", r"in ra[^.;]{0,20}ký tay", r"scan lại",
        r"bắt khai giấy", r"yêu cầu khai giấy", r"song song (?:giấy|bản giấy|hai)", r"làm hai lần",
        r"(?:chưa|không) (?:được )?(?:nhiều nơi )?chấp nhận (?:bản (?:sao )?điện tử|kết quả điện tử|hồ sơ điện tử)",
        r"chưa hình thành được môi trường làm việc điện tử", r"mang bản giấy",
        r"phải (?:nộp|cấp|xuất trình|mang|đối chiếu|ký nhận|nhận)[^.;]{0,40}(?:bản giấy|hồ sơ gốc|bản chính|bản gốc|giấy tờ gốc)",
        r"(?:bằng|dưới dạng) bản giấy", r"(?<!không được )yêu cầu[^.;]{0,30}(?:nộp|xuất trình|cung cấp)(?: lại)?[^.;]{0,40}(?:bản sao|bản photo|sổ hộ khẩu|giấy tờ)", r"(?:dựa (?:trên|vào)|thụ lý (?:trên|bằng)) hồ sơ giấy", r"(?:mất phí|phải (?:đi )?)chứng thực", r"đối chiếu bản chính", r"(?:in(?= )|photo)[^.;]{0,15}(?:ra|nộp)[^.;]{0,20}(?:giấy|bản)",
        r"(?:song song|đồng thời)[^.;]{0,50}(?:giấy|bản giấy|trực tiếp)",
        r"(?:giải quyết|xử lý)[^.;]{0,30}theo (?:phương thức|cách|hình thức) truyền thống",  # by the office: paper handling
        r"(?:vẫn )?(?:đòi|yêu cầu)[^.;]{0,10}(?:“|\")?(?:bản sao công chứng|bản gốc|bản chính)",
        r"xử lý thủ công", r"bổ sung trực tiếp",
        r"(?:yêu cầu|đòi)[^.;]{0,30}(?:bản sao có chứng thực|chứng thực sao y|sao y)", r"không chấp nhận chứng thực điện tử",
        r"yêu cầu (?:phải )?in (?:tờ khai|bản|hồ sơ|ra)",
    )),
    # ---------------------------------------------------------------- B07 legal framework
    ("B07", "barrier", "topic", "", (
        r"(?<!so với )(?<!theo )(?<!đúng )quy định(?: pháp lý| pháp luật)?", r"pháp lý", r"hành lang pháp lý",
        r"khung pháp lý", r"cơ chế(?! một cửa)", r"sao y điện tử", r"chứng thực điện tử", r"văn bản hướng dẫn",
        r"hướng dẫn (?:về|cụ thể|chuyên ngành|thực hiện)",
    )),
    ("B07", "barrier", "marked", "", (
        r"chờ (?:ý kiến )?(?:chỉ đạo|hướng dẫn)", r"chưa (?:được )?quy định", r"quy định (?:còn )?(?:chưa rõ|chồng chéo|bất cập)",
        r"thiếu (?:văn bản|hướng dẫn|quy định|hành lang pháp lý|cơ chế|khung pháp lý)",
        r"chưa có (?:văn bản|hướng dẫn|quy định|cơ chế|hành lang pháp lý|khung pháp lý)",
        r"(?:quy định|văn bản)[^.;]{0,40}(?:chưa phù hợp|chưa đồng bộ|chưa thống nhất|chưa rõ|chưa cụ thể|không phù hợp)",
        r"quy định phải (?:có mặt|nộp|ký|đến)", r"bắt buộc[^.;]{0,30}(?:có mặt|đến trực tiếp|ký trực tiếp)", r"phải có mặt", r"vướng (?:về )?(?:quy định|pháp lý|cơ chế)",
        r"chưa (?:được )?(?:ban hành|sửa đổi|hướng dẫn)",
    )),
    # ---------------------------------------------------------------- B08 payment friction
    ("B08", "barrier", "topic", "", (
        r"thanh toán(?: trực tuyến| điện tử| qua mạng)?", r"nộp phí", r"phí, lệ phí", r"lệ phí",
    )),
    ("B08", "barrier", "marked", "", (
        r"thanh toán (?:không thành công|bị lỗi|thất bại|không được)", r"không thanh toán được",
        r"chưa (?:được )?(?:cấu hình|tích hợp|kết nối) thanh toán", r"bị trừ tiền",
        r"(?:vẫn |phải )(?:nộp|trả) (?:tiền mặt|phí trực tiếp|lệ phí trực tiếp)",
        r"(?:đóng|nộp|trả)(?: tiền| phí| lệ phí)?(?: bằng)? tiền mặt", r"giao dịch (?:bị )?(?:treo|lỗi|không thành công|thất bại)",
        r"không (?:trả|đóng|nộp) (?:được )?(?:phí|tiền|lệ phí) (?:qua mạng|trực tuyến|trên cổng)",
        r"trừ tiền (?:nhưng|mà)", r"thanh toán[^.;]{0,30}(?:gặp |bị )?lỗi", r"tiền đã bị trừ", r"(?:phí|lệ phí)[^.;]{0,30}(?:chưa|không) (?:được )?(?:thanh toán|nộp) (?:được )?trực tuyến",
        r"(?:chưa|không) có tài khoản (?:ngân hàng|thanh toán)", r"phí (?:chuyển khoản|giao dịch)",
        r"thanh toán[^.;]{0,30}(?:còn )?(?:khó khăn|phức tạp|chưa thuận tiện|bất tiện|vướng)",
        r"thanh toán[^.;]{0,20}(?:lại )?phải (?:“|\")?trực tiếp", r"(?:lòng vòng|vòng vèo) chuyển khoản",
        r"(?:ách tắc|hạn chế|vướng mắc|lúng túng)[^.;]{0,40}thu phí (?:điện tử|trực tuyến)",
    )),
    # ---------------------------------------------------------------- B09 data, interoperability
    ("B09", "barrier", "topic", "", (
        # "35 TTHC liên thông và 124 TTHC không liên thông" name kinds of procedure
        r"(?<!một cửa )(?<!một cửa, )(?<!tthc )(?<!tthc không )(?<!thủ tục )(?<!thủ tục không )liên thông", r"chia sẻ dữ liệu", r"dữ liệu(?! cá nhân)", r"cơ sở dữ liệu",
        r"csdl", r"tích hợp", r"kết nối(?! (?:mạng|internet))", r"số hóa", r"đồng bộ dữ liệu",
    )),
    ("B09", "barrier", "marked", "", (
        r"vào một cửa[^.;]{0,10}ra nhiều cửa", r"trong khi[^.;]{0,60}đã được[^.;]{0,30}lưu trữ", r"không có thông tin hợp lệ",
        r"(?<!tthc )(?<!thủ tục )(?:chưa|không) (?:được )?(?:kết nối|liên thông|chia sẻ|đồng bộ dữ liệu|tích hợp|làm sạch|“làm sạch”)",
        r"dữ liệu[^.;]{0,60}(?:chưa|không) (?:được )?(?:đồng bộ|thống nhất|khớp)",
        r"thuộc (?:quyền quản lý|thẩm quyền|trách nhiệm) của[^.]{0,90}thuộc (?:quyền quản lý|thẩm quyền|trách nhiệm) của",
        r"không thuộc (?:ubnd|thẩm quyền)",
        r"dữ liệu[^.;]{0,30}(?:chưa|không) (?:đầy đủ|chính xác|thống nhất|cập nhật|được cập nhật|khớp|sạch)",
        r"(?:sai lệch|thiếu thống nhất|trùng lặp) (?:về )?dữ liệu", r"dữ liệu (?:sai lệch|trùng lặp|phân tán|cục bộ)",
        r"(?:nhiều|các) (?:hệ thống|phần mềm|nền tảng) (?:riêng lẻ|khác nhau|rời rạc)", r"(?<!nhà ở )(?<!nhà )(?:riêng lẻ|rời rạc|phân tán|cát cứ)",
        r"chưa kịp thời (?:chuyển|cập nhật|đồng bộ)", r"mất kết nối với (?:hệ thống|cổng|cơ sở dữ liệu|phần mềm)", r"không trùng(?: khớp)? (?:với|so với)",
        r"sai sót (?:thông tin|dữ liệu)", r"vướng[^.;]{0,20}(?:dữ liệu|cập nhật)", r"thiếu (?:thông tin|dữ liệu) trên (?:hệ thống|cổng)",
        r"không tồn tại trong cơ sở dữ liệu", r"(?:phần mềm|hệ thống|dữ liệu|cơ sở dữ liệu)[^.;]{0,20}(?:thiếu|chưa|không) đồng bộ",
        r"(?:chưa|không) được (?:khai thác|tái sử dụng|sử dụng lại)", r"tra cứu[^.;]{0,30}không (?:thấy|có)",
        r"bị xóa (?:hộ khẩu|thông tin|dữ liệu)", r"phải đi xác nhận", r"chưa được (?:cập nhật|đăng ký cư trú|làm sạch)", r"(?:tính|sự) đồng bộ", r"nhập (?:lại )?(?:dữ liệu|thông tin) (?:nhiều lần|hai lần|thủ công)",
        r"(?:vneid|cơ sở dữ liệu)[^.;]{0,20}chưa (?:được )?cập nhật", r"cập nhật chưa (?:thật sự |thực sự )?(?:đầy đủ|chính xác)",
        r"kết nối dữ liệu[^.;]{0,60}(?:vướng mắc|chưa thông|gặp khó)", r"số định danh[^.;]{0,100}(?:vướng mắc|chưa có số định danh)",
        r"chưa có số định danh", r"(?:rất )?ít (?:bệnh viện|cơ sở y tế|cơ quan|đơn vị)[^.;]{0,30}(?:kết nối|liên thông|tham gia|cung cấp)",
        r"(?:thông tin|dữ liệu|giấy tờ)[^.;]{0,40}đã có (?:sẵn |đủ |đầy đủ )?(?:trong|trên|tại) (?:hệ thống|(?:các )?cơ sở dữ liệu)",
        r"(?:kê khai|khai báo|cung cấp) lại (?:những |các )?thông tin", r"thay vì (?:sử dụng|khai thác) (?:dữ liệu|thông tin)",
        r"đã cấp và đang lưu trữ", r"đồng bộ[^.;]{0,60}(?:còn thấp|chưa đầy đủ)", r"không đồng bộ hồ sơ", r"không theo dõi được",
        r"tra cứu[^.;]{0,40}không được", r"dữ liệu[^.;]{0,25}(?:đang )?(?:rất )?(?:cũ|lạc hậu)(?![a-zà-ỹ])",
        r"không nắm (?:được )?đầy đủ (?:hồ sơ|dữ liệu|thông tin)", r"chậm (?:cung cấp|chia sẻ|phản hồi) (?:thông tin|dữ liệu)",
        r"kết nối[^.;]{0,60}gặp (?:nhiều )?(?:vấn đề|khó khăn|vướng mắc)", r"cơ sở dữ liệu[^.;]{0,50}còn chậm",
        r"số hóa[^.;]{0,80}(?:chưa (?:thực hiện|đảm bảo)|đạt kết quả thấp|còn thấp)",
        r"chưa (?:đảm bảo|bảo đảm) đồng bộ",
        r"(?:đang )?trong quá trình đồng bộ (?:dữ liệu|thông tin)", r"cần (?:sự )?phối hợp (?:đồng bộ )?(?:của )?nhiều (?:cơ quan|bên|ngành)",
        r"bàn giao (?:hồ sơ|dữ liệu)[^.;]{0,30}chưa (?:hoàn thành|xong|đầy đủ)", r"trả về lỗi",
    )),
    # ---------------------------------------------------------------- B10 staff capacity
    ("B10", "barrier", "topic", "", (
        r"nhân lực", r"nhân sự", r"biên chế", r"chuyên trách", r"đội ngũ", r"kỹ năng(?: số)? (?:của|cho) " + STAFF,
    )),
    ("B10", "barrier", "topic>", "", (STAFF + r"(?: (?:cấp xã|xã|một cửa|tiếp nhận|chuyên môn|phụ trách))?",)),
    ("B10", "barrier", "marked", "", (
        r"xin nghỉ việc", r"áp lực lớn", r"chỉ (?:xử lý|tiếp nhận|giải quyết) được[^.;]{0,15}\d", r"(?:trung tâm|bộ phận|một cửa)[^.;]{0,60}(?:còn )?lúng túng", r"khối lượng công việc[^.;]{0,30}(?:tăng đột biến|tăng mạnh|rất lớn)",
        r"(?:cán bộ|công chức|nhân sự|bộ phận một cửa|công việc)[^.;]{0,30}quá tải", r"quá tải (?:công việc|hồ sơ)",
        r"thiếu (?:cán bộ|công chức|nhân lực|nhân sự|người)", r"khối lượng công việc[^.;]{0,25}(?:lớn|tăng)",
        r"(?:tổng đài(?: viên)?|đường dây nóng|hotline)[^.;]{0,50}(?:bận|không liên lạc|không ai nghe)",
        r"trả về (?:nhưng )?(?:không|chưa) (?:được )?(?:nói rõ|giải thích)",
        r"không (?:được )?giải thích lý do",
        STAFF + r"[^.;]{0,20} không (?:tiếp nhận|xử lý|giải quyết)", r"nộp (?:hồ sơ )?(?:hộ(?! sơ| kinh doanh| gia đình| dân| nghèo)|thay)",
        r"chưa (?:được )?(?:nhập|cập nhật|xử lý)(?: và giải quyết)? trên (?:phần mềm|hệ thống)",
        r"vừa tiếp nhận vừa xử lý", r"(?:quá hạn|chậm|trễ(?: hạn)?) (?:được )?tiếp nhận", r"không (?:thấy|có) ai (?:hỗ trợ|hướng dẫn|giúp)",
        r"không gặp được (?:tổng đài|cán bộ|người)", r"dựa (?:trên|vào) hồ sơ giấy",
        r"bố trí (?:cán bộ|công chức|nhân sự)[^.;]{0,70}chưa (?:phù hợp|đáp ứng|đủ)", r"ảnh hưởng (?:tới|đến) công việc (?:khác|chuyên môn)",
        r"hồ sơ[^.;]{0,80}(?:không|chưa) (?:được |hề được )?(?:xử lý|chuyển đến|chuyển cho|tiếp nhận|giải quyết)",
        r"không (?:có )?(?:một |bất kỳ )?(?:phản hồi|thông báo)", r"chỉ có \d+ " + STAFF,
        r"kiêm nhiệm", STAFF + r"[^.;]{0,20}(?:gồng mình|gánh việc)", r"tổng đài viên",
        r"hồ sơ[^.;]{0,60}(?:giải quyết|xử lý)[^.;]{0,20}quá hạn", r"để (?:hồ sơ )?(?:bị )?quá hạn", r"áp lực công việc",
        r"cắt giảm (?:nhân sự|biên chế)", r"không (?:thấy|có) phản hồi",
        STAFF + r"[^.;]{0,40}(?:về nhà sau|làm thêm giờ|ở lại cơ quan|làm đến)", STAFF + r"[^.;]{0,40}(?:chưa được đào tạo|thiếu (?:kỹ năng|kinh nghiệm|chuyên môn)|chưa thành thạo|chưa nắm)",
        STAFF + r"[^.;]{0,25}(?:né tránh|ngại (?:tiếp nhận|xử lý|giải quyết))", r"(?:tinh thần|ý thức) trách nhiệm[^.;]{0,30}chưa cao",
        r"chưa (?:có|bố trí) (?:cán bộ|công chức|người|nhân lực) (?:chuyên trách|chuyên môn|phụ trách)",
        r"(?:trình độ|năng lực|kỹ năng)[^.;]{0,20}(?:của )?" + STAFF + r"[^.;]{0,30}(?:hạn chế|chưa đáp ứng|yếu|chưa đồng đều)",
        r"lúng túng cho (?:cán bộ|công chức|viên chức|nhân viên)", STAFF + r"[^.;]{0,25}(?:lớn tuổi )?(?:còn )?(?:tâm lý )?e ngại",
        STAFF + r"[^.;]{0,30}(?:thói quen|nếp|lề lối) làm việc cũ", r"chưa quan tâm[^.;]{0,20}lãnh đạo, chỉ đạo",
        STAFF + r"[^.;]{0,50}phải (?:thực hiện|làm|gánh) thêm", r"(?:tình trạng )?hồ sơ[^.;]{0,40}(?:giải quyết|xử lý) chậm",
        r"chậm xử lý (?:hồ sơ|hs)", r"hồ sơ quá hạn (?:chiếm|còn|kéo dài)", r"tỷ lệ hồ sơ quá hạn còn", r"(?:hiện|vẫn) còn [\d.]+ hồ sơ[^.;]{0,20}quá hạn",
        r"quá tải (?:cho|đối với) (?:cán bộ|công chức|bộ phận|trung tâm)", r"(?:không|chưa) được hướng dẫn", r"mà không hướng dẫn",
        r"không (?:biết|rõ) (?:là )?(?:trục trặc|lỗi) gì", r"(?:chậm|ít|không kịp thời) phản hồi",
        r"(?:tập huấn|đào tạo|bồi dưỡng)[^.;]{0,20}chưa (?:đáp ứng|đạt|hiệu quả|kịp thời)", r"hỗ trợ kỹ thuật[^.;]{0,20}chưa kịp thời",
        r"(?:việc )?tiếp nhận hồ sơ[^.;]{0,50}(?:còn )?(?:nhiều )?bất cập", r"tinh giản (?:cán bộ|biên chế|nhân sự)",
        r"(?:thành lập|hoạt động|vận hành)[^.;]{0,10}còn (?:mang tính )?hình thức",
        r"(?:phối hợp|phúc đáp|trả lời)[^.;]{0,50}(?:chậm trễ|không đúng thời hạn|chưa kịp thời)", r"chậm trễ trong (?:phối hợp|giải quyết|xử lý)",
        r"chưa phúc đáp", r"bộ phận (?:một cửa|tiếp nhận)[^.;]{0,30}quá tải", r"áp lực (?:cho|lên|đối với) (?:bộ phận|cán bộ|công chức|trung tâm)",
        r"khối lượng hồ sơ[^.;]{0,15}(?:khá |rất )?(?:lớn|nhiều)", r"(?:đường dây nóng|tổng đài|hotline)[^.;]{0,60}chưa kịp thời",
        r"chỉ có (?:\d+|một|hai|ba) (?:nhân sự|người|cán bộ)", r"(?:lực lượng|nhân lực|đội ngũ)[^.;]{0,30}(?:mỏng|rất hạn chế|còn thiếu)",
        r"không biết (?:phải )?(?:hỏi|liên hệ|phản ánh) (?:ai|ở đâu|qua (?:phương thức|kênh) nào)", r"không (?:có )?(?:người|ai) nghe máy",
        r"[“\"]?trắng[”\"]? (?:nhân sự|cán bộ)", r"không (?:có )?(?:ai|người) có chuyên môn", r"không nhận được (?:bất kỳ |thông tin )?phản hồi",
        r"(?:từ chối|trả về|trả lại)[^.;]{0,20}không rõ (?:lý do|nguyên nhân)", STAFF + r"[^.;]{0,30}không chuyên (?:về|môn)",
        r"nhân sự[^.;]{0,10}(?:còn )?mỏng", r"(?:viên chức|công chức|cán bộ|người lao động)[^.;]{0,20}(?:còn )?tâm lý sợ sai",
        STAFF + r"[^.;]{0,20}thiếu[^.;]{0,25}kiến thức",
    )),
    # ---------------------------------------------------------------- B11 limited supply
    ("B11", "barrier", "marked", "", (
        r"(?:dịch vụ|thực hiện|làm) trực tuyến[^.;]{0,30}không (?:(?:thực hiện|làm|dùng|nộp) )?được(?! \w)", r"không có dịch vụ (?:công )?trực tuyến", r"chưa được tích hợp nên[^.;]{0,40}phải (?:đi làm|đến|làm)[^.;]{0,30}trực tiếp", r"(?:không thể|chưa thể) tự (?:đăng ký|làm|nộp)[^.;]{0,40}mà phải đến", r"toàn trình[^.;]{0,40}chưa (?:hoàn chỉnh|hoàn thiện|được bảo đảm)",
        r"(?:dừng|chủ yếu) ở mức(?: độ)? [12]", r"chưa thể (?:xử lý|thực hiện|giải quyết|làm|nộp) " + ONLINE,
        r"không thể (?:làm|nộp|thực hiện) " + ONLINE,
        r"(?:dịch vụ|thủ tục|dvc)[^.;]{0,25}(?:toàn trình|mức độ 4)[^.;]{0,25}(?:còn )?(?:ít|chưa nhiều|hạn chế)",
        r"gọi là (?:toàn trình|trực tuyến)", r"trực tuyến (?:chỉ )?(?:trên danh nghĩa|hình thức)",
        r"buộc " + PEOPLE + r" phải đến (?:tận nơi|trực tiếp)",
        r"chưa (?:phù hợp|đủ điều kiện|đáp ứng)[^.;]{0,40}(?:toàn trình|trực tuyến)",
        r"(?:số lượng|số) (?:dịch vụ|thủ tục|dvc)[^.;]{0,40}(?:toàn trình|trực tuyến)[^.;]{0,25}(?:còn )?(?:ít|hạn chế|chưa nhiều|thấp)",
        r"(?:thủ tục|dịch vụ)[^.;]{0,30}chưa (?:được )?(?:cung cấp|triển khai|đưa lên)[^.;]{0,20}(?:trực tuyến|toàn trình|mạng)",
        r"chỉ (?:được )?(?:cung cấp|dừng lại ở|dừng ở|ở mức)[^.;]{0,20}(?:thông tin|một phần|mức độ [12])",
        r"(?:tỷ lệ|số) (?:dịch vụ công trực tuyến|dvctt|thủ tục)[^.;]{0,30}(?:mức độ 4|toàn trình)[^.;]{0,60}(?:chỉ|mới) đạt",
        r"(?:xử lý|giải quyết)[^.;]{0,30}trực tuyến[^.;]{0,50}(?:vẫn còn |còn )?chưa thực chất", r"chưa hoàn thành chỉ tiêu", r"làm (?:thay|hộ(?! chiếu))[^.;]{0,30}(?:công dân|người dân)", r"chạy theo thành tích",
        r"toàn trình[^.;]{0,60}thấp (?:hơn|so với)", r"(?:số lượng|số) (?:các loại )?(?:dịch vụ|thủ tục|tthc|dvc|dvhcc)[^.;]{0,40}trực tuyến[^.;]{0,40}(?:chưa được phát triển|khiêm tốn)",
        r"cấp xã (?:hoàn toàn )?chưa (?:được )?(?:áp dụng|triển khai)",
    )),
    # ---------------------------------------------------------------- achievements said outright
    ("B06", "achievement", "marked", "", (
        r"không còn (?:giấy tờ|hồ sơ giấy|bản giấy)", r"(?:toàn bộ|100%)[^.;]{0,40}(?:đã )?được ký số",
    )),
    ("B03", "achievement", "marked", "", (r"không còn (?:xa lạ|lạ lẫm)",)),
    ("B05", "achievement", "marked", "", (
        r"không (?:quá |hề )?khó(?! khăn)", r"không có gì khó", r"(?:nhanh|dễ) hơn nhiều",
    )),
    ("B02", "achievement", "marked", "", (r"(?:sử dụng|thao tác) thành thạo",)),
    ("B01", "achievement", "marked", "", (r"(?:bao phủ|phủ sóng)",)),
]

LEVERS: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    # ---------------------------------------------------------------- L01 leadership, targets
    ("L01", "lever", "marked", "", (
        r"người đứng đầu", r"giao chỉ tiêu", r"chịu trách nhiệm", r"tinh thần trách nhiệm", r"nhiệm vụ trọng tâm",
        r"(?:kế hoạch|chương trình) hành động", r"chỉ đạo[^.;]{0,80}quyết liệt", r"quyết liệt[^.;]{0,30}chỉ đạo",
        r"phấn đấu", r"đề ra mục tiêu", r"đặt (?:ra )?mục tiêu", r"(?:giao|đề ra|đặt) (?:các )?chỉ tiêu",
        r"yêu cầu (?:các )?(?:cơ quan|đơn vị|sở|ubnd|cán bộ|công chức|địa phương|bộ|ngành|thủ trưởng|chủ tịch|giám đốc)",
        r"chỉ đạo (?:các )?(?:cơ quan|sở|đơn vị|cấp|địa phương|ubnd|ngành)", r"đôn đốc", r"kiểm điểm", r"xử lý trách nhiệm",
        r"quyết liệt triển khai", r"(?:xác định|coi)[^.;]{0,40}(?:là )?nhiệm vụ (?:quan trọng|trọng tâm|đột phá|then chốt)",
        r"triển khai (?:thực hiện )?kế hoạch số", r"mục tiêu (?:tối thiểu |ít nhất )?\d", r"(?:tập trung |sự )?lãnh đạo, chỉ đạo",
        r"(?:chủ tịch|thủ tướng)[^.;]{0,60}(?:yêu cầu|chỉ đạo|giao)", r"yêu cầu của chủ tịch",
        r"(?:quan tâm, )?chỉ đạo (?:cơ quan|các sở|đơn vị|các cấp)",
        r"ban hành nhiều (?:đề án|kế hoạch)", r"ban hành (?:các |một số )?(?:kế hoạch|chỉ thị|nghị quyết|đề án|chương trình)",
    )),
    # ---------------------------------------------------------------- L02 simplification
    ("L02", "lever", "marked", "", (
        r"đơn giản hóa", r"cắt giảm (?:thủ tục|tthc|thành phần|giao dịch|tối đa|thời gian)", r"tái cấu trúc",
        r"rà soát(?:,)? (?:thủ tục|tthc|quy trình|đơn giản hóa|thành phần|cắt giảm)", r"rút ngắn (?:quy trình|thời gian)",
        r"hoàn thiện (?:các )?quy trình", r"(?:đơn giản|nhanh chóng|thuận tiện)[^.;]{0,30}(?:quy trình|cách thức)",
        r"xử lý hồ sơ[^.;]{0,25}trên môi trường (?:mạng|điện tử)",
    )),
    # ---------------------------------------------------------------- L03 infrastructure
    ("L03", "lever", "topic", "", (
        r"hạ tầng(?: (?:kỹ thuật|công nghệ(?: thông tin)?|số|mạng|viễn thông|cntt))?(?! giao thông)", r"internet",
        r"mạng (?:internet|viễn thông|di động)", r"đường truyền", r"(?:trang )?thiết bị", r"máy (?:quét|scan|tính)",
        r"hệ thống thông tin",
    )),
    ("L03", "lever", "marked", "", (
        r"internet tốc độ cao", r"(?:trang bị|mua sắm)[^.;]{0,30}(?:máy|thiết bị)",
        r"(?:đầu tư|nâng cấp)[^.;]{0,20}(?:bộ phận một cửa|trung tâm phục vụ|trụ sở|cơ sở vật chất|đường truyền|băng thông)",
        r"(?:tăng|nâng|mở rộng) (?:băng thông|tải hệ thống|dung lượng)", r"trung tâm dữ liệu",
        r"(?:được )?đưa vào (?:hoạt động|vận hành|sử dụng)",
        r"đầu tư[^.;]{0,40}(?:hạ tầng|thiết bị|máy|hệ thống)",
    )),
    # ---------------------------------------------------------------- L04 communication
    ("L04", "lever", "topic", "lever", (r"tuyên truyền", COMMS, r"phổ biến lợi ích")),
    ("L04", "lever", "marked", "", (
        r"nâng cao nhận thức", r"chiến dịch", r"thông tin đại chúng", r"ngày chuyển đổi số", r"chuỗi sự kiện",
    )),
    # ---------------------------------------------------------------- L05 guidance, skills
    ("L05", "lever", "marked", "", (
        r"tổ công nghệ số", r"kèm cặp", r"“kèm cặp”", r"cầm tay chỉ việc", r"xóa “?mù”? công nghệ",
        r"(?:(?<!giáo dục và )đào tạo|tập huấn|bồi dưỡng kỹ năng)(?![^.;]{0,80}" + STAFF + ")",
        r"hướng dẫn " + PEOPLE + r"(?:, doanh nghiệp)? (?:cách |từng bước|sử dụng|dùng)",
        r"hướng dẫn sử dụng (?:các )?ứng dụng", r"bình dân học vụ số",
        r"hướng dẫn " + PEOPLE + r" (?:cài đặt|cài|tải)", r"giúp người dân[^.;]{0,30}(?:thao tác|chuyển đổi|sử dụng)",
    )),
    # ---------------------------------------------------------------- L06 hands-on help
    ("L06", "lever", "marked", "", (
        r"tình nguyện(?: viên)?", r"(?:mở|lập|kích hoạt) tài khoản", r"kích hoạt định danh", r"sẵn sàng hỗ trợ",
        r"hỗ trợ (?:người dân|công dân|bà con|dân|họ|trực tiếp|làm|nộp|thanh toán|mở|kích hoạt|khai|giải quyết)",
        r"(?:được|giúp)[^.;]{0,30}(?:hỗ trợ|trợ giúp)", r"được (?:cán bộ|đoàn viên|thanh niên|công an|nhân viên)?[^.;]{0,20}hướng dẫn (?:cặn kẽ|tận tình|hoàn tất|từng bước)", r"lưu động", r"túc trực(?! tuyến)", r"bàn hướng dẫn", r"(?<!phải )đến tận (?:nơi|nhà)",
        r"tại nhà", r"gõ từng nhà", r"ki-?ốt", r"kiosk", r"điểm hướng dẫn, hỗ trợ", r"đi từng ngõ", r"về nhà dân", r"hướng dẫn tận tình",
        r"hướng dẫn " + PEOPLE + r"[^.;]{0,40}(?:tại|ngay|làm thủ tục|thực hiện)", r"nộp hồ sơ trực tuyến tại",
        STAFF + r"[^.;]{0,30}(?:hướng dẫn|hỗ trợ|giúp)[^.;]{0,30}(?:" + PEOPLE + r"|đăng ký|nhập|kê khai|nộp)",
    )),
    # ---------------------------------------------------------------- L07 incentives
    ("L07", "lever", "marked", "", (
        r"giảm (?:[\d,.]+ ?% )?(?:chi phí|phí|lệ phí)", r"(?:mức )?(?:thu )?(?:phí|lệ phí) 0 đồng", r"miễn,? giảm (?:phí|lệ phí)", r"cắt giảm (?:một số )?(?:loại )?(?:lệ )?phí", r"miễn (?:phí|lệ phí)",
        r"ưu đãi", r"cơ chế khuyến khích", r"khuyến khích người dân",
    )),
    # ---------------------------------------------------------------- L08 digitisation, reuse
    ("L08", "lever", "topic", "lever", (r"số hóa", r"tái sử dụng", r"sử dụng lại", r"sử dụng kết quả số hóa")),
    ("L08", "lever", "marked", "", (
        r"không phải nộp lại", r"không (?:thu|tiếp nhận|yêu cầu)[^.;]{0,30}(?:hồ sơ giấy|bản giấy|giấy tờ)", r"thay thế (?:hồ sơ giấy|bản giấy)", r"làm giàu (?:cơ sở )?dữ liệu", r"giảm (?:[^ ]+ )?hồ sơ giấy", r"kho dữ liệu",
        r"(?:khai báo|cung cấp dữ liệu)[^.;]{0,25}một lần", r"bằng bản điện tử",
    )),
    # ---------------------------------------------------------------- L09 connection, data sharing
    ("L09", "lever", "topic", "", (
        r"(?<!một cửa )(?<!một cửa, )liên thông(?: dữ liệu)?", r"chia sẻ dữ liệu",
        r"kết nối(?:, chia sẻ)? (?:dữ liệu|hệ thống|với|liên thông|các)", r"cơ sở dữ liệu quốc gia", r"dữ liệu dùng chung",
    )),
    ("L09", "lever", "topic", "", (r"dữ liệu dân cư",)),
    ("L09", "lever", "marked", "", (r"tích hợp (?:lên|trên) cổng dịch vụ công", r"kết nối, chia sẻ(?: dữ liệu)?", r"vneid", r"vnelđ", r"vneld", r"định danh(?: điện tử| mức 2)?", r"một cửa liên thông")),
    # ---------------------------------------------------------------- L10 electronic documents
    ("L10", "lever", "topic", "lever", (
        r"văn bản (?:chỉ đạo )?hướng dẫn", r"sao y điện tử", r"chứng thực điện tử", r"chữ ký số", r"ký số",
        r"hành lang pháp lý",
    )),
    # ---------------------------------------------------------------- L11 quality, ease of use
    ("L11", "lever", "marked", "", (
        r"nâng cao chất lượng(?: và hiệu quả)?(?: cung cấp)? (?:dvctt|dvc|dịch vụ|phục vụ)",
        r"thân thiện với người dùng", r"tiện ích cần được", r"(?:kênh|hệ thống|đường dây|mục|chuyên mục)[^.;]{0,20}(?:tiếp nhận )?phản ánh",
        r"hoàn thiện chất lượng", r"cải tiến phương thức", r"dễ sử dụng hơn",
    )),
    # ---------------------------------------------------------------- L12 fully online services
    ("L12", "lever", "topic", "", (r"toàn trình",)),
    ("L12", "lever", "marked", "", (
        r"phi địa giới", r"nâng cấp[^.;]{0,60}lên (?:dịch vụ công trực tuyến |dvctt |dvc )?(?:toàn trình|mức)", r"không phụ thuộc (?:vào )?địa giới", r"nâng cấp[^.;]{0,200}lên mức(?: độ)?",
        r"ở mức độ cao hơn", r"danh mục (?:dvctt|dịch vụ công trực tuyến) (?:mức độ 4|toàn trình)",
        r"nhất là dịch vụ công trực tuyến toàn trình",
        r"đẩy mạnh (?:triển khai )?(?:việc )?(?:cung cấp|giải quyết trực tuyến|thực hiện)[^.;]{0,30}(?:dịch vụ công|dvctt|thủ tục)",
        r"triển khai (?:cung cấp|thực hiện|tiếp nhận)[^.;]{0,50}(?:dịch vụ công trực tuyến|dvctt|toàn trình|hồ sơ trực tuyến)",
    )),
    # ---------------------------------------------------------------- L13 online payment
    ("L13", "lever", "topic", "", (
        r"thanh toán(?: phí,? lệ phí| lệ phí| phí)? (?:trực tuyến|điện tử|qua (?:mạng|ứng dụng|ví|ngân hàng))",
    )),
    ("L13", "lever", "marked", "", (r"nền tảng thanh toán", r"kênh (?:thu phí|thanh toán)", r"không (?:dùng|sử dụng) tiền mặt")),
    # ---------------------------------------------------------------- L14 postal delivery
    ("L14", "lever", "marked", "", (r"bưu chính", r"bưu điện", r"trả kết quả tại nhà")),
    # ---------------------------------------------------------------- L15 recognition
    ("L15", "lever", "marked", "", (r"khen thưởng", r"biểu dương", r"tuyên dương", r"động viên", r"khuyến khích cán bộ", r"thi đua")),
    # ---------------------------------------------------------------- L16 staff training
    ("L16", "lever", "marked", "", (
        r"(?:đào tạo|tập huấn|bồi dưỡng|nâng cao năng lực|nâng cao trình độ)[^.;]{0,80}" + STAFF,
        r"(?:xây dựng|bổ sung|tuyển dụng|kiện toàn)[^.;]{0,15}(?:đội ngũ|cán bộ|nhân lực)",
    )),
]
