"""Period reports in the form wards file: text, workbook, CSV and chart."""
