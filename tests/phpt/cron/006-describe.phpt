--TEST--
describe() in English and French
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\CronExpression;
foreach (['0 3 * * *', '0 2 * * 5L', '*/5 * * * *', '0 9 * * 1-5', '0 0 13 * 5', '0 0 LW * *', '0 0 15W * *', '0 0 * * 5#3', '@hourly'] as $e) {
    $c = new CronExpression($e);
    echo $c->describe(), ' | ', $c->describe('fr'), "\n";
}
echo (new CronExpression('0 3 * * *'))->describe('fr_FR'), "\n";
try { (new CronExpression('0 3 * * *'))->describe('de'); } catch (JLG\Native\InvalidInputException $e) { echo $e->getField(), ': ', $e->getMessage(), "\n"; }
?>
--EXPECT--
At 03:00, every day | À 03:00, tous les jours
At 02:00, on the last Friday of the month | À 02:00, le dernier vendredi du mois
Every 5 minutes, every day | Toutes les 5 minutes, tous les jours
At 09:00, on Monday through Friday | À 09:00, du lundi au vendredi
At 00:00, on day 13 of the month or on Friday | À 00:00, le 13 du mois ou le vendredi
At 00:00, on the last weekday of the month | À 00:00, le dernier jour ouvré du mois
At 00:00, on the weekday nearest day 15 of the month | À 00:00, le jour ouvré le plus proche du 15 du mois
At 00:00, on the third Friday of the month | À 00:00, le troisième vendredi du mois
At minute 0 of every hour, every day | À la minute 0 de chaque heure, tous les jours
À 03:00, tous les jours
locale: unsupported locale 'de': expected 'en' or 'fr'
