-- 故障类别目录 seeded with the list the product shipped with (src/domain/repair/fault-catalogue.ts SEED_FAULT_CATALOGUE).
INSERT INTO "fault_categories" ("product_category", "code", "zh", "en", "sort_order") VALUES
  ('', 'power', '电源故障', 'Power fault', 0),
  ('', 'no_boot', '无法启动', 'Does not start', 10),
  ('', 'display', '显示异常', 'Display fault', 20),
  ('', 'communication', '通信异常', 'Communication fault', 30),
  ('', 'mechanical', '机械/结构损坏', 'Mechanical damage', 40),
  ('', 'firmware', '固件/软件问题', 'Firmware or software', 50),
  ('', 'overheat', '过热', 'Overheating', 60),
  ('', 'other', '其他', 'Other', 70),
  ('线缆类', 'open_circuit', '断路', 'Open circuit', 0),
  ('线缆类', 'short_circuit', '短路', 'Short circuit', 10),
  ('线缆类', 'connector', '接头损坏', 'Connector damaged', 20),
  ('线缆类', 'insulation', '绝缘破损', 'Insulation damaged', 30),
  ('线缆类', 'other', '其他', 'Other', 40),
  ('芯片类', 'function', '功能失效', 'Function failure', 0),
  ('芯片类', 'esd', '静电损伤', 'ESD damage', 10),
  ('芯片类', 'solder', '焊接不良', 'Poor soldering', 20),
  ('芯片类', 'firmware', '固件/软件问题', 'Firmware or software', 30),
  ('芯片类', 'other', '其他', 'Other', 40)
ON CONFLICT DO NOTHING;
