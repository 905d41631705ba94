/**
 * The demo knowledge base: thirty articles on St Petersburg's housing and city services, written for
 * this project in Russian and English (each English one is the translation of the Russian). Facts
 * that differ between buildings or years (phone numbers, tariffs, exact dates) are deliberately
 * left to the organisation: an article says where to find them, not what they are.
 */
export type DemoArticle = {
  /** Category codes the article answers (src/demo/categories.ts). */
  categories: readonly string[];
  ru: { title: string; body: string };
  en: { title: string; body: string };
};

const a = (categories: string[], ru: [string, string], en: [string, string]): DemoArticle => ({
  categories,
  ru: { title: ru[0], body: ru[1] },
  en: { title: en[0], body: en[1] },
});

export const DEMO_ARTICLES: readonly DemoArticle[] = [
  a(
    ['no-hot-water'],
    [
      'Отключение горячего водоснабжения летом',
      'Каждое лето горячую воду отключают на время **гидравлических испытаний** тепловых сетей: трубы проверяют давлением, чтобы зимой они не лопнули.\n\n- График по адресам публикует теплоснабжающая организация, он висит и в парадной.\n- Обычно отключение длится до двух недель.\n- Если срок по графику прошёл, а воды нет, сообщите об этом: укажите адрес и дату, когда воду обещали включить.\n\nЗа дни без горячей воды плату пересчитывают (см. статью о перерасчёте).',
    ],
    [
      'Summer hot water outages',
      'Every summer hot water is switched off while the heating mains undergo **pressure tests**, so that the pipes do not burst in winter.\n\n- The heat supplier publishes the schedule by address; it is also posted in the entrance hall.\n- An outage usually lasts up to two weeks.\n- If the scheduled date has passed and there is still no hot water, report it with the address and the promised date.',
    ],
  ),
  a(
    ['roof-leak'],
    [
      'Протекает кровля',
      'Если после дождя или оттепели с потолка на последнем этаже капает вода, ремонт кровли — обязанность управляющей компании или ТСЖ.\n\n1. Сразу позвоните в аварийно-диспетчерскую службу дома: течь должны локализовать в течение суток.\n2. Сфотографируйте пятна на потолке и стенах.\n3. Попросите составить **акт о заливе** с представителем управляющей компании: он нужен для возмещения ущерба.\n\nЕсли кровлю не чинят, подайте обращение с фотографиями.',
    ],
    [
      'The roof is leaking',
      'If water drips from the ceiling of a top-floor flat after rain or a thaw, repairing the roof is the duty of the management company or homeowners’ association.\n\n1. Call the building’s emergency dispatch service at once.\n2. Photograph the stains.\n3. Ask for a **flooding report** signed with the management company: you need it to claim damages.',
    ],
  ),
  a(
    ['low-temperature', 'no-heating'],
    [
      'Отопление: батареи едва тёплые',
      'В отопительный сезон температура в жилой комнате должна быть не ниже **+18 °C**, в угловой — не ниже **+20 °C**.\n\nЕсли в квартире холоднее:\n\n- проверьте, не перекрыт ли кран на радиаторе и не завоздушена ли батарея;\n- сообщите в аварийную службу дома и попросите замерить температуру с составлением акта;\n- за время, когда отопление не соответствовало нормативу, плату снижают.\n\nЕсли управляющая компания не реагирует, подайте обращение и приложите акт или фото термометра.',
    ],
    [
      'Heating: the radiators are barely warm',
      'During the heating season a living room must be at least **+18 °C**, a corner room at least **+20 °C**.\n\nIf your flat is colder, check the radiator valve and bleed the air, then call the building’s emergency service and ask for a measured temperature report. The charge is reduced for the time the heating was below standard.',
    ],
  ),
  a(
    ['no-heating'],
    [
      'Когда начинается и заканчивается отопительный сезон',
      'Отопление включают, когда среднесуточная температура воздуха **пять дней подряд** держится ниже +8 °C, и отключают, когда пять дней подряд она выше +8 °C. Сначала тепло подают в детские сады, школы и больницы, затем в жилые дома.\n\nПодключение дома занимает несколько дней. Если во всём районе уже топят, а у вас батареи холодные, сообщите в управляющую компанию: возможно, дом не готов к сезону.',
    ],
    [
      'When the heating season starts and ends',
      'Heating is switched on when the mean daily temperature stays below +8 °C for **five days in a row**, and off when it stays above +8 °C for five days. Kindergartens, schools and hospitals come first, then homes. If the whole district is heated and your radiators are cold, tell your management company.',
    ],
  ),
  a(
    ['water-pressure', 'no-cold-water'],
    [
      'Слабый напор или нет холодной воды',
      'Сначала узнайте, у всех ли в парадной такая же проблема: если только у вас, причина обычно в засорённом фильтре или смесителе.\n\nЕсли воды нет у всего дома или напор слабый на верхних этажах:\n\n- позвоните в аварийную службу дома;\n- проверьте, нет ли объявления о плановых работах водоканала;\n- при отсутствии воды дольше 8 часов подряд плату пересчитывают.\n\nСообщите о проблеме с указанием этажа и времени, когда напор падает.',
    ],
    [
      'Low pressure or no cold water',
      'First find out whether your neighbours have the same problem: if only you do, a clogged filter or tap is the usual cause. If the whole building is affected, call its emergency service and look for a notice of planned works by the water utility.',
    ],
  ),
  a(
    ['icicles'],
    [
      'Сосульки и наледь на крышах',
      'Очищать кровлю и карнизы от снега и сосулек обязан тот, кто управляет домом: управляющая компания, ТСЖ или жилищно-строительный кооператив.\n\nНа время работ тротуар под домом должны огородить. Если вы видите опасные сосульки над входом или тротуаром, сообщите о них с фотографией и точным адресом — такие обращения рассматривают в первую очередь.',
    ],
    [
      'Icicles and ice on roofs',
      'Clearing roofs and eaves of snow and icicles is the duty of whoever manages the building: the management company, homeowners’ association or housing cooperative. The pavement below must be fenced off during the work. Report dangerous icicles with a photo and the exact address.',
    ],
  ),
  a(
    ['snow-yard', 'snow-street'],
    [
      'Уборка снега во дворе и на улице',
      'Двор, отмостку и подходы к парадным убирает управляющая компания дома. Проезжую часть и тротуары вдоль улиц — районное жилищное агентство или городская дорожная служба.\n\nЧтобы обращение попало к нужной организации, поставьте точку на карте там, где лежит снег, и укажите, двор это или улица.',
    ],
    [
      'Snow clearing in the yard and on the street',
      'The yard and the paths to the entrances are cleared by the building’s management company; roads and pavements along streets by the district or the city road service. Put the point on the map exactly where the snow is, and say whether it is a yard or a street.',
    ],
  ),
  a(
    ['container-site', 'yard-litter'],
    [
      'Переполнена контейнерная площадка',
      'Вывоз бытовых отходов в Петербурге организует **региональный оператор** по графику, согласованному с управляющей компанией. Содержание самой площадки — уборка вокруг контейнеров, ограждение, крыша — обязанность управляющей компании.\n\nЕсли мусор не вывезли по графику, сфотографируйте площадку и отметьте её на карте. Укажите, с какого дня контейнеры переполнены.',
    ],
    [
      'The bin area is overflowing',
      'Household waste in St Petersburg is collected by the **regional operator** on a schedule agreed with the management company; keeping the bin area itself clean and fenced is the management company’s duty. Photograph it and mark it on the map, saying since when the bins are full.',
    ],
  ),
  a(
    ['bulky-waste'],
    [
      'Как вывезти старую мебель и крупногабаритный мусор',
      'Старую мебель, холодильники и другие крупные вещи нельзя ставить рядом с обычными контейнерами. Для них во многих дворах есть отдельный бункер, его вывозят по заявке.\n\nУзнайте в управляющей компании, где во дворе стоит бункер для крупногабаритных отходов и по каким дням его вывозят. Строительный мусор после ремонта вывозят за свой счёт.',
    ],
    [
      'Getting rid of old furniture and bulky waste',
      'Old furniture and appliances must not be left next to the ordinary bins. Many yards have a separate skip for bulky waste, emptied on request; ask your management company where it is. Building rubble from a renovation is removed at your own cost.',
    ],
  ),
  a(
    ['road-pothole', 'yard-asphalt'],
    [
      'Ямы на дороге и во дворе',
      'Выбоины на городских улицах ремонтирует дорожная служба: зимой — временно, холодным асфальтом, весной и летом — в рамках **ямочного ремонта**. Ямы во дворе и на внутриквартальных проездах — забота района или управляющей компании.\n\nПоставьте точку прямо на яме, приложите фото и, если можете, примерный размер. Глубокую яму на проезжей части лучше отметить как опасную.',
    ],
    [
      'Potholes in roads and yards',
      'Potholes in city streets are repaired by the road service: temporarily in winter, properly during the spring and summer **pothole repair** campaign. Potholes in yards are for the district or the management company. Put the point right on the pothole and add a photo.',
    ],
  ),
  a(
    ['street-light', 'yard-light', 'lamp-post'],
    [
      'Не горит уличный фонарь',
      'Уличное освещение в Петербурге обслуживает городское предприятие наружного освещения. Фонари во дворах, если они висят на стене дома, — управляющая компания.\n\nЧтобы фонарь починили быстрее, укажите номер опоры (он написан на столбе) или поставьте точку как можно ближе к нему и напишите, горит ли он совсем или мигает.',
    ],
    [
      'A street light is out',
      'Street lighting in St Petersburg is maintained by the city lighting enterprise; lights fixed to a building’s wall are the management company’s. Give the pole number (painted on the pole) or put the point close to it, and say whether it is dark or flickering.',
    ],
  ),
  a(
    ['lift'],
    [
      'Не работает лифт',
      'Лифт обслуживает специализированная организация по договору с управляющей компанией. Если лифт застрял с людьми, нажмите кнопку вызова диспетчера в кабине.\n\nЕсли лифт просто не работает, позвоните в диспетчерскую службу дома. Когда он стоит дольше суток, подайте обращение: укажите адрес, номер парадной и с какого дня лифт не работает.',
    ],
    [
      'The lift is out of order',
      'Lifts are serviced by a specialist firm under contract with the management company. If people are stuck, press the call button in the car. Otherwise call the building’s dispatch service; if the lift has been out for more than a day, report it with the entrance number.',
    ],
  ),
  a(
    ['stairwell-cleaning', 'stairwell-state', 'stairwell-light'],
    [
      'Парадная: уборка, свет и ремонт',
      'В Петербурге подъезд называют **парадной**. Её уборка, освещение, окна, двери и косметический ремонт входят в содержание общего имущества — за это вы платите управляющей компании по строке «содержание и ремонт».\n\nГрафик уборки обычно висит на первом этаже. Если парадную не убирают или не горит свет, сообщите об этом с фотографией и номером парадной.',
    ],
    [
      'The entrance hall: cleaning, light, repairs',
      'In St Petersburg the entrance hall is called the **paradnaya**. Its cleaning, lighting, windows, doors and redecoration are part of the upkeep you pay the management company for. Report a dirty or dark entrance hall with a photo and its number.',
    ],
  ),
  a(
    ['other-issue'],
    [
      'Как узнать свою управляющую компанию',
      'Название управляющей компании или ТСЖ указано в квитанции за жилищно-коммунальные услуги. Его можно найти и в государственной информационной системе ЖКХ по адресу дома.\n\nВ справочнике организаций на этой платформе у каждой управляющей компании есть страница с часами работы, контактами и адресами обслуживаемых домов. А раздел «Кто отвечает за это место» покажет ответственного по точке на карте.',
    ],
    [
      'Finding your management company',
      'The name of your management company or homeowners’ association is printed on your utility bill, and the state housing information system finds it by address. On this platform each has a page with hours and contacts, and “Who is responsible here” answers from a point on the map.',
    ],
  ),
  a(
    ['other-issue'],
    [
      'Чем ТСЖ отличается от управляющей компании',
      '**ТСЖ** (товарищество собственников жилья) — объединение собственников квартир одного или нескольких домов: они сами выбирают правление и решают, как содержать дом. **Управляющая компания** — организация, которой собственники поручили управление по договору.\n\nЗа одно и то же отвечают и те, и другие: за кровлю, парадные, подвалы, двор у дома. Жалобы на их работу рассматривает Государственная жилищная инспекция.',
    ],
    [
      'Homeowners’ association or management company?',
      'A **homeowners’ association** (TSZh) is formed by the flat owners themselves, who elect its board; a **management company** manages the building under a contract with the owners. Both are responsible for the same things: the roof, entrance halls, basement and yard. Complaints about either go to the State Housing Inspectorate.',
    ],
  ),
  a(
    ['no-hot-water', 'no-cold-water', 'no-heating'],
    [
      'Перерасчёт платы, если услуги не было',
      'Если коммунальной услуги не было или она была ненадлежащего качества — нет горячей воды, холодные батареи, — плату за этот период уменьшают.\n\n1. Зафиксируйте нарушение: позвоните в аварийную службу и запишите номер заявки.\n2. Попросите составить акт.\n3. Подайте заявление о перерасчёте в управляющую компанию или расчётный центр.\n\nПерерасчёт делают в ближайшей квитанции.',
    ],
    [
      'Getting your bill reduced when a service failed',
      'If a utility service was missing or below standard, the charge for that period is reduced. Record the failure with the emergency service (note the request number), ask for a written report, and apply to your management company or billing centre for a recalculation.',
    ],
  ),
  a(
    ['water-quality'],
    [
      'Поверка счётчиков воды',
      'У каждого счётчика есть **межповерочный интервал** — он указан в паспорте прибора. Когда срок подходит, счётчик нужно поверить или заменить, иначе плату начислят по нормативу.\n\nПоверку выполняют аккредитованные организации, сведения о ней передаются в государственный реестр. Бесплатных «обязательных поверок» по звонку не бывает: не пускайте в квартиру тех, кто пришёл без вызова.',
    ],
    [
      'Verifying water meters',
      'Every meter has a **verification interval** given in its passport; when it runs out, have the meter verified or replaced, or you will be billed at the standard rate. Only accredited firms may verify meters. Beware of unsolicited “mandatory checks” at the door.',
    ],
  ),
  a(
    ['other-issue'],
    [
      'Шум по ночам',
      'Закон Санкт-Петербурга об административных правонарушениях запрещает шуметь в ночное время и ограничивает часы ремонтных работ в жилых домах. Нарушения фиксирует полиция.\n\nЕсли шумят соседи, сначала попробуйте договориться. Если шум повторяется, звоните в полицию в момент нарушения: платформа не может остановить шум, но может передать обращение о систематических нарушениях в район.',
    ],
    [
      'Noise at night',
      'The St Petersburg law on administrative offences forbids noise at night and limits the hours of renovation work in residential buildings; the police record violations. Call them while the noise is going on: this platform cannot stop it, but can pass on reports of repeated disturbance to the district.',
    ],
  ),
  a(
    ['abandoned-car'],
    [
      'Брошенный автомобиль во дворе',
      'Разукомплектованные и брошенные машины (без номеров, с разбитыми стёклами, спущенными колёсами) убирают по решению районной администрации после проверки.\n\nСфотографируйте машину так, чтобы было видно её состояние, и поставьте точку на карте. Сначала владельцу предлагают убрать машину самому, поэтому процедура занимает несколько недель.',
    ],
    [
      'An abandoned car in the yard',
      'Abandoned and stripped cars are removed by decision of the district administration after an inspection. Photograph the car so its state is clear and mark it on the map. The owner is first asked to move it, so it takes a few weeks.',
    ],
  ),
  a(
    ['illegal-ad', 'graffiti'],
    [
      'Незаконная реклама и надписи на фасадах',
      'Объявления на столбах, фасадах и в парадных, граффити и рекламные надписи на асфальте — нарушение правил благоустройства. Их удаляют районные службы или владелец здания.\n\nОтметьте место на карте и приложите фото. Если на объявлении есть телефон, укажите его: по нему находят заказчика рекламы.',
    ],
    [
      'Illegal adverts and graffiti on facades',
      'Notices stuck on poles, facades and in entrance halls, graffiti and adverts painted on pavements break the city’s landscaping rules; district services or the building owner remove them. Mark the spot and add a photo; a phone number on the advert helps find who ordered it.',
    ],
  ),
  a(
    ['basement-vents', 'sewer-blockage'],
    [
      'Затоплен подвал или пахнет канализацией',
      'Вода в подвале и запах канализации в парадной обычно означают протечку трубопровода или засор. Подвал — общее имущество дома, его содержит управляющая компания.\n\nПозвоните в аварийную службу дома: прорыв трубы устраняют немедленно. Если после устранения аварии подвал не осушили и не продезинфицировали, подайте обращение.',
    ],
    [
      'A flooded basement or a sewage smell',
      'Water in the basement or a sewage smell in the entrance hall usually means a leaking pipe or a blockage. The basement is common property kept by the management company: call the building’s emergency service, and report it if the basement is not dried and disinfected afterwards.',
    ],
  ),
  a(
    ['pests'],
    [
      'Крысы и насекомые в доме',
      'Дератизацию (борьбу с грызунами) и дезинсекцию в подвалах, на чердаках и в местах общего пользования проводит управляющая компания, обычно ежемесячно, и по заявкам жителей.\n\nЕсли в парадной или подвале крысы или тараканы, сообщите, где именно их видели. Обработку квартир собственники заказывают сами.',
    ],
    [
      'Rats and insects in the building',
      'Pest control in basements, attics and common areas is done by the management company, usually monthly and on request. Report where exactly you saw rats or cockroaches; treating a flat itself is the owner’s business.',
    ],
  ),
  a(
    ['playground', 'lawn-fence'],
    [
      'Детская площадка и благоустройство двора',
      'Оборудование детских площадок во дворе должно быть исправным и безопасным. Если площадка на земле дома — за неё отвечает управляющая компания, если на городской территории — район.\n\nСломанные качели, торчащие болты, разбитое покрытие — повод для обращения с фото. Предложения о новой площадке или скамейках тоже можно отправить: их учитывают при планировании благоустройства.',
    ],
    [
      'Playgrounds and yard improvements',
      'Playground equipment must be sound and safe: on the building’s land it is the management company’s, on city land the district’s. Report broken swings or protruding bolts with a photo; proposals for new benches or playgrounds are welcome too.',
    ],
  ),
  a(
    ['fallen-tree', 'dangerous-tree'],
    [
      'Упавшее или аварийное дерево',
      'Если дерево упало на дорогу, провода или машину, звоните **112**: это авария.\n\nНаклонившиеся, сухие и треснувшие деревья обследуют специалисты, прежде чем назначить снос или обрезку. В обращении укажите точное место, породу (если знаете) и приложите фото ствола и кроны. Снос здоровых деревьев без порубочного билета запрещён.',
    ],
    [
      'A fallen or dangerous tree',
      'If a tree has fallen on a road, wires or a car, call **112**: it is an emergency. Leaning, dead or cracked trees are inspected before felling or pruning; report the exact spot with photos of the trunk and crown.',
    ],
  ),
  a(
    ['manhole'],
    [
      'Открытый или провалившийся люк',
      'Открытый люк опасен, особенно в темноте и зимой. Если рядом никого нет, поставьте рядом заметный предмет и сразу сообщите.\n\nЛюки принадлежат разным владельцам: водоканалу, теплосетям, связистам. Владельца определяют по маркировке на крышке — сфотографируйте её, если крышка на месте.',
    ],
    [
      'An open or sunken manhole',
      'An open manhole is dangerous, especially in the dark. Mark it with something visible and report it at once. Manholes belong to different owners (water, heating, telecoms); a photo of the lid’s marking identifies the owner.',
    ],
  ),
  a(
    ['traffic-light', 'road-sign'],
    [
      'Неисправный светофор или дорожный знак',
      'Неработающий светофор — срочная проблема: его ремонтируют в течение суток. Укажите перекрёсток и какой именно сигнал не работает.\n\nПовреждённые, повёрнутые или закрытые ветками знаки тоже стоит отметить: для них важно точное место и направление движения, для которого знак установлен.',
    ],
    [
      'A broken traffic light or road sign',
      'A broken traffic light is urgent and is repaired within a day; name the junction and the signal that is out. Damaged, turned or hidden road signs are worth reporting too, with the exact spot and the direction of traffic the sign is for.',
    ],
  ),
  a(
    ['other-issue'],
    [
      'Сроки ответа на обращение',
      'На платформе у каждой темы обращения свой срок ответа в **рабочих днях** — он показан на странице сообщения и учитывает праздники по производственному календарю.\n\nОфициальные обращения граждан по закону № 59-ФЗ рассматривают до 30 дней, в исключительных случаях срок продлевают с уведомлением заявителя. Если ответ вас не устроил, его можно оспорить.',
    ],
    [
      'How soon you get an answer',
      'Each report subject has its own answer deadline in **working days**, shown on the report’s page and counting the production calendar’s holidays. Formal appeals under Federal Law 59-FZ are answered within 30 days. If an answer does not satisfy you, you can dispute it.',
    ],
  ),
  a(
    ['other-issue'],
    [
      'Как написать обращение, чтобы его быстро решили',
      '- **Одно обращение — одна проблема.** Несколько проблем в одном тексте рассматриваются дольше.\n- **Точка на карте.** Поставьте её там, где проблема, а не там, где вы живёте.\n- **Фото.** Одно общее и одно крупное.\n- **Факты.** Что, где, с какого времени; без оценок.\n\nПеред отправкой посмотрите подсказки: возможно, о проблеме уже сообщили или ответ есть в справочнике.',
    ],
    [
      'Writing a report that gets solved quickly',
      '- **One report, one problem.**\n- **The point on the map** where the problem is, not where you live.\n- **Photos**: one overview, one close-up.\n- **Facts**: what, where, since when.\n\nBefore sending, look at the suggestions: someone may have reported it already, or the answer may be here.',
    ],
  ),
  a(
    ['facade-paint', 'drainpipe'],
    [
      'Капитальный ремонт дома',
      'Капитальный ремонт крыши, фасада, инженерных систем и лифтов проводит региональный фонд капитального ремонта по **региональной программе**: в ней указано, в каком году запланированы работы в вашем доме.\n\nТекущие мелкие ремонты — заменить водосточную трубу, заделать трещину — делает управляющая компания, ждать капремонта для этого не нужно.',
    ],
    [
      'Major repairs of the building',
      'Major repairs of roofs, facades, utilities and lifts are carried out by the regional capital repair fund under the **regional programme**, which shows the year planned for your building. Small running repairs, such as a drainpipe, are the management company’s job now.',
    ],
  ),
  a(
    ['heating-leak', 'sewer-blockage'],
    [
      'Авария в квартире: куда звонить',
      'При прорыве трубы, протечке отопления или засоре канализации:\n\n1. Перекройте воду краном на вводе в квартиру, если можете.\n2. Позвоните в **аварийно-диспетчерскую службу** дома — её телефон указан в квитанции и на доске объявлений в парадной.\n3. Предупредите соседей снизу.\n\nПри запахе газа звоните **104** или **112**, не включайте свет и электроприборы.',
    ],
    [
      'An emergency in your flat: whom to call',
      'For a burst pipe, a heating leak or a blocked sewer: shut the water off at the flat’s inlet valve, call the building’s **emergency dispatch service** (its number is on your bill and in the entrance hall), and warn the neighbours below. If you smell gas, call **104** or **112** and do not touch switches.',
    ],
  ),
];
