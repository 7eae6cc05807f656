-- Campaigns call 09:00–20:00 callee-local, Monday to Saturday, unless configured otherwise;
-- Sunday stays closed by default (several US states restrict Sunday calls).
alter table campaigns alter column calling_window set default
    '{"1":{"start":"09:00","end":"20:00"},"2":{"start":"09:00","end":"20:00"},"3":{"start":"09:00","end":"20:00"},"4":{"start":"09:00","end":"20:00"},"5":{"start":"09:00","end":"20:00"},"6":{"start":"09:00","end":"20:00"}}';
